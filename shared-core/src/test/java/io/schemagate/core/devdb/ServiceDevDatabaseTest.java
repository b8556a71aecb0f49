package io.schemagate.core.devdb;

import io.schemagate.core.testing.LocalPostgres;

import static io.schemagate.core.testing.LocalPostgres.admin;
import static io.schemagate.core.testing.LocalPostgres.databaseExists;
import static io.schemagate.core.testing.LocalPostgres.execute;
import static io.schemagate.core.testing.LocalPostgres.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code postgres://} dev databases on the local service: scratch databases, roles without CREATEDB, failures. */
class ServiceDevDatabaseTest {

    static final Pattern SCRATCH = Pattern.compile("scratch database (sg_dev_[a-z0-9]+) on ");
    private static final String ROLE = "sg_test_nocreatedb";
    private static final String EMPTY_DB = "sg_test_given_empty";
    private static final String DIRTY_DB = "sg_test_given_dirty";
    /** The role logs in with trust auth; the password is there to prove it is never printed. */
    private static final String PASSWORD = "Sup3rSecretPw";

    @BeforeAll
    static void roleWithoutCreateDb() throws SQLException {
        try (Connection c = admin()) {
            dropFixtures(c);
            execute(c, "CREATE ROLE " + ROLE + " LOGIN NOCREATEDB NOSUPERUSER PASSWORD '" + PASSWORD + "'");
            execute(c, "CREATE DATABASE " + EMPTY_DB + " OWNER " + ROLE);
            execute(c, "CREATE DATABASE " + DIRTY_DB + " OWNER " + ROLE);
        }
        try (Connection dirty = admin(DIRTY_DB)) {
            execute(dirty, "CREATE TABLE public.users (id int)");
            execute(dirty, "CREATE FUNCTION public.answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
        }
    }

    @AfterAll
    static void dropRole() throws SQLException {
        try (Connection c = admin()) {
            dropFixtures(c);
        }
    }

    private static void dropFixtures(Connection c) throws SQLException {
        execute(c, "DROP DATABASE IF EXISTS " + EMPTY_DB + " WITH (FORCE)");
        execute(c, "DROP DATABASE IF EXISTS " + DIRTY_DB + " WITH (FORCE)");
        execute(c, "DROP ROLE IF EXISTS " + ROLE);
    }

    static String scratchName(DevDatabase db) {
        Matcher m = SCRATCH.matcher(db.description());
        assertTrue(m.find(), db.description());
        return m.group(1);
    }

    private static DevDatabase open(String url) throws Exception {
        return DevDatabase.open(DevUrl.parse(url), DevSettings.defaults());
    }

    @Test
    void scratchDatabaseIsCreatedAndDropped() throws Exception {
        admin().close(); // skip early when there is no server
        List<String> before = LocalPostgres.scratchDatabases();
        String name;
        try (DevDatabase db = open(LocalPostgres.URL)) {
            name = scratchName(db);
            assertEquals("scratch database " + name + " on postgres://postgres@127.0.0.1:5432/postgres", db.description());
            assertTrue(databaseExists(name));
            Connection c = db.connection();
            assertEquals(name, queryString(c, "SELECT current_database()"));
            assertEquals("schemagate", queryString(c, "SHOW application_name"));
            assertEquals("5min", queryString(c, "SHOW statement_timeout"));
            assertEquals("10s", queryString(c, "SHOW lock_timeout"));
            assertTrue(c.getAutoCommit());
            assertEquals(Integer.parseInt(queryString(c, "SHOW server_version_num")) / 10000, db.serverMajorVersion());
            execute(c, "CREATE TABLE t (id int)");
        }
        assertFalse(databaseExists(name), name + " was left behind");
        assertEquals(before, LocalPostgres.scratchDatabases());
    }

    @Test
    void scratchDatabaseIsDroppedWhenTheWorkFails() throws Exception {
        admin().close();
        String[] name = new String[1];
        assertThrows(IllegalStateException.class, () -> {
            try (DevDatabase db = open(LocalPostgres.URL)) {
                name[0] = scratchName(db);
                db.connection().setAutoCommit(false);
                execute(db.connection(), "CREATE TABLE t (id int)");
                throw new IllegalStateException("replay failed");
            }
        });
        assertFalse(databaseExists(name[0]), name[0] + " was left behind");
    }

    @Test
    void closeIsIdempotent() throws Exception {
        admin().close();
        DevDatabase db = open(LocalPostgres.URL);
        String name = scratchName(db);
        db.close();
        db.close();
        assertFalse(databaseExists(name));
        assertTrue(db.connection().isClosed());
    }

    @Test
    void searchPathFromTheUrl() throws Exception {
        admin().close();
        try (DevDatabase db = open(LocalPostgres.URL + "?search_path=app,public")) {
            assertEquals("app,public", queryString(db.connection(), "SHOW search_path"));
        }
    }

    @Test
    void statementTimeoutApplies() throws Exception {
        admin().close();
        DevSettings settings = new DevSettings(Duration.ofMillis(300), Duration.ofSeconds(10));
        try (DevDatabase db = DevDatabase.open(DevUrl.parse(LocalPostgres.URL), settings)) {
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> execute(db.connection(), "SELECT pg_sleep(20)"));
            assertEquals("57014", e.getSQLState(), e.getMessage()); // query_canceled
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void lockTimeoutApplies() throws Exception {
        admin().close();
        DevSettings settings = new DevSettings(Duration.ofMinutes(1), Duration.ofMillis(200));
        try (DevDatabase db = DevDatabase.open(DevUrl.parse(LocalPostgres.URL), settings)) {
            execute(db.connection(), "CREATE TABLE locked (id int)");
            try (Connection other = admin(scratchName(db))) {
                other.setAutoCommit(false);
                execute(other, "LOCK TABLE locked IN ACCESS EXCLUSIVE MODE");
                long start = System.nanoTime();
                SQLException e = assertThrows(SQLException.class,
                        () -> execute(db.connection(), "ALTER TABLE locked ADD COLUMN x int"));
                assertEquals("55P03", e.getSQLState(), e.getMessage()); // lock_not_available
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
                other.rollback();
            }
        }
    }

    @Test
    void roleWithCreateDbGetsAScratchDatabaseToo() throws Exception {
        String role = "sg_test_createdb";
        try (Connection c = admin()) {
            execute(c, "DROP ROLE IF EXISTS " + role);
            execute(c, "CREATE ROLE " + role + " LOGIN CREATEDB NOSUPERUSER");
        }
        try {
            String name;
            try (DevDatabase db = open("postgres://" + role + ":" + PASSWORD + "@127.0.0.1:5432/postgres")) {
                name = scratchName(db);
                assertTrue(db.description().endsWith(" on postgres://" + role + ":****@127.0.0.1:5432/postgres (not isolated: "
                        + role + " may not create roles, so migrations replay as " + role + ")"), db.description());
                assertEquals(role, queryString(db.connection(), "SELECT current_user"));
                execute(db.connection(), "CREATE TABLE public.t (id int)"); // the owner may use public (PostgreSQL 15+)
            }
            assertFalse(databaseExists(name), name + " was left behind");
        } finally {
            try (Connection c = admin()) {
                execute(c, "DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void roleWithoutCreateDbUsesAnEmptyDatabaseAndLeavesItEmpty() throws Exception {
        String url = "postgres://" + ROLE + ":" + PASSWORD + "@127.0.0.1:5432/" + EMPTY_DB;
        List<String> scratchBefore = LocalPostgres.scratchDatabases();
        try (DevDatabase db = open(url)) {
            assertEquals("database " + EMPTY_DB + " on postgres://" + ROLE + ":****@127.0.0.1:5432/" + EMPTY_DB, db.description());
            Connection c = db.connection();
            assertEquals(EMPTY_DB, queryString(c, "SELECT current_database()"));
            assertEquals("schemagate", queryString(c, "SHOW application_name"));
            execute(c, "CREATE SCHEMA app");
            execute(c, "CREATE TYPE app.mood AS ENUM ('ok', 'sad')");
            execute(c, "CREATE DOMAIN public.positive AS int CHECK (VALUE > 0)");
            execute(c, "CREATE TYPE public.span AS RANGE (subtype = int)");
            execute(c, "CREATE TABLE public.accounts (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n positive, s serial)");
            execute(c, "CREATE VIEW public.v AS SELECT id FROM public.accounts");
            execute(c, "CREATE MATERIALIZED VIEW public.mv AS SELECT id FROM public.accounts");
            execute(c, "CREATE SEQUENCE public.seq");
            execute(c, "CREATE FUNCTION public.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x'");
            execute(c, "CREATE PROCEDURE public.p() LANGUAGE sql AS 'SELECT 1'");
            execute(c, "CREATE TABLE public.parted (id int) PARTITION BY RANGE (id)");
            execute(c, "CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES FROM (0) TO (10)");
            execute(c, "CREATE EXTENSION IF NOT EXISTS pgcrypto"); // a trusted extension: the owner may create it
            c.setAutoCommit(false);
            execute(c, "CREATE TABLE public.pending (id int)"); // left in an open transaction
        }
        try (Connection check = admin(EMPTY_DB)) {
            assertEquals(List.of(), UserObjects.list(check, 15), "everything made in the given database is dropped again");
            assertEquals("1", queryString(check, "SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"));
        }
        assertEquals(scratchBefore, LocalPostgres.scratchDatabases(), "no scratch database without CREATEDB");
        try (DevDatabase again = open(url)) {
            assertTrue(again.description().startsWith("database " + EMPTY_DB), "the next run finds it empty");
        }
    }

    @Test
    void roleWithoutCreateDbRefusesADatabaseWithObjects() {
        String url = "postgres://" + ROLE + ":" + PASSWORD + "@127.0.0.1:5432/" + DIRTY_DB;
        DevDatabaseException e = assertThrows(DevDatabaseException.class, () -> open(url));
        String message = e.getMessage();
        assertTrue(message.contains("postgres://" + ROLE + ":****@127.0.0.1:5432/" + DIRTY_DB), message);
        assertTrue(message.contains("is not empty (table public.users, function public.answer())"), message);
        assertTrue(message.contains("CREATEDB"), message);
        assertFalse(message.contains(PASSWORD), message);
    }

    @Test
    void unreachableServerNamesTheMaskedUrl() {
        String password = "Hunter2Secret";
        DevDatabaseException e = assertThrows(DevDatabaseException.class,
                () -> open("postgres://ci:" + password + "@127.0.0.1:1/app"));
        assertTrue(e.getMessage().startsWith("cannot connect to postgres://ci:****@127.0.0.1:1/app: connection refused"),
                e.getMessage());
        assertNoSecret(e, password);
    }

    @Test
    void unknownHost() {
        DevDatabaseException e = assertThrows(DevDatabaseException.class,
                () -> open("postgres://ci:Hunter2Secret@no-such-host.invalid/app"));
        assertTrue(e.getMessage().contains("unknown host no-such-host.invalid"), e.getMessage());
        assertNoSecret(e, "Hunter2Secret");
    }

    @Test
    void loginRefused() throws Exception {
        try (Connection c = admin()) {
            execute(c, "DROP ROLE IF EXISTS sg_test_nologin");
            execute(c, "CREATE ROLE sg_test_nologin NOLOGIN");
        }
        try {
            DevDatabaseException e = assertThrows(DevDatabaseException.class,
                    () -> open("postgres://sg_test_nologin:Hunter2Secret@127.0.0.1:5432/postgres"));
            assertTrue(e.getMessage().startsWith("cannot connect to postgres://sg_test_nologin:****@127.0.0.1:5432/postgres: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("not permitted to log in"), e.getMessage());
            assertNoSecret(e, "Hunter2Secret");
        } finally {
            try (Connection c = admin()) {
                execute(c, "DROP ROLE IF EXISTS sg_test_nologin");
            }
        }
    }

    @Test
    void missingDatabase() throws Exception {
        admin().close();
        DevDatabaseException e = assertThrows(DevDatabaseException.class,
                () -> open("postgres://postgres@127.0.0.1:5432/sg_test_no_such_db"));
        assertTrue(e.getMessage().endsWith("database sg_test_no_such_db does not exist"), e.getMessage());
    }

    static void assertNoSecret(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), t.getMessage());
        }
        assertInstanceOf(DevDatabaseException.class, e);
    }
}
