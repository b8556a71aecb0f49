package io.schemagate.core.devdb;

import io.schemagate.core.testing.LocalPostgres;

import static io.schemagate.core.testing.LocalPostgres.admin;
import static io.schemagate.core.testing.LocalPostgres.databaseExists;
import static io.schemagate.core.testing.LocalPostgres.execute;
import static io.schemagate.core.testing.LocalPostgres.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who migrations replay as on a {@code postgres://} server, and what the run's supervisor enforces: a fresh
 * unprivileged role per run, dropped afterwards; the statement limit even when a session lifts its timeout; objects
 * made outside the dev database found and dropped.
 */
class RunIsolationTest {

    private static DevDatabase open(String url, DevSettings settings) throws Exception {
        return DevDatabase.open(DevUrl.parse(url), settings);
    }

    private static boolean roleExists(String name) throws SQLException {
        try (Connection c = admin()) {
            return "1".equals(queryString(c, "SELECT count(*) FROM pg_roles WHERE rolname = '" + name + "'"));
        }
    }

    @Test
    void migrationsReplayAsAFreshUnprivilegedRoleThatOwnsOnlyItsScratchDatabase() throws Exception {
        admin().close();
        String role;
        String scratch;
        try (DevDatabase db = open(LocalPostgres.URL, DevSettings.defaults())) {
            Connection c = db.connection();
            role = queryString(c, "SELECT current_user");
            scratch = queryString(c, "SELECT current_database()");
            assertTrue(role.matches("sg_run_[a-z0-9]{10}"), role);
            assertEquals(scratch.substring("sg_dev_".length()), role.substring("sg_run_".length()), "one run's pair");
            assertEquals("scratch database " + scratch + " on " + LocalPostgres.URL, db.description());
            assertEquals("f f f f f", queryString(c, "SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole,"
                    + " rolreplication, rolbypassrls) FROM pg_roles WHERE rolname = current_user"));
            for (String predefined : List.of("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program",
                    "pg_signal_backend", "pg_read_all_data", "pg_write_all_data")) {
                assertEquals("f", queryString(c, "SELECT pg_has_role(current_user, '" + predefined + "', 'USAGE')"), predefined);
            }
            assertEquals(role, queryString(c, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
            assertEquals("5min", queryString(c, "SHOW statement_timeout"));
            // The role's own defaults, so a new session of it starts limited too.
            try (Connection check = admin()) {
                String config = queryString(check, "SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting s"
                        + " JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = '" + role + "'");
                assertEquals("statement_timeout=300000ms,lock_timeout=10000ms", config);
            }
            execute(c, "CREATE TABLE public.t (id int)");
            execute(c, "CREATE EXTENSION IF NOT EXISTS pgcrypto"); // trusted: the owner may
        }
        assertFalse(databaseExists(scratch), scratch + " was left behind");
        assertFalse(roleExists(role), role + " was left behind");
    }

    @Test
    void aLoginWithCreateRoleButNoSuperuserStillHandsReplayToARunRole() throws Exception {
        String login = "sg_test_createrole";
        try (Connection c = admin()) {
            execute(c, "DROP ROLE IF EXISTS " + login);
            execute(c, "CREATE ROLE " + login + " LOGIN CREATEDB CREATEROLE NOSUPERUSER");
        }
        try {
            String role;
            try (DevDatabase db = open("postgres://" + login + "@127.0.0.1:5432/postgres", DevSettings.defaults())) {
                role = queryString(db.connection(), "SELECT current_user");
                assertTrue(role.startsWith("sg_run_"), role);
                execute(db.connection(), "CREATE TABLE public.t (id int)");
            }
            assertFalse(roleExists(role), role + " was left behind");
        } finally {
            try (Connection c = admin()) {
                execute(c, "DROP ROLE IF EXISTS " + login);
            }
        }
    }

    @Test
    void devPrivilegedReplaysAsTheLoginAndSaysSo() throws Exception {
        admin().close();
        try (DevDatabase db = open(LocalPostgres.URL, DevSettings.defaults().withPrivileged(true))) {
            assertEquals("postgres", queryString(db.connection(), "SELECT current_user"));
            assertTrue(db.description().endsWith(" (privileged: migrations replay as postgres)"), db.description());
        }
    }

    @Test
    void theStatementLimitHoldsWhenTheSessionTurnsItsTimeoutOff() throws Exception {
        admin().close();
        DevSettings settings = new DevSettings(Duration.ofSeconds(1), Duration.ofSeconds(10));
        try (DevDatabase db = open(LocalPostgres.URL, settings)) {
            execute(db.connection(), "SET statement_timeout = 0");
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> execute(db.connection(), "SELECT pg_sleep(60)"));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("user request"), "cancelled from outside: " + e.getMessage());
            assertTrue(seconds < 10, seconds + " s");
            assertEquals("1", queryString(db.connection(), "SELECT 1"), "the session itself goes on");
        }
    }

    @Test
    void aStatementThatIgnoresTheCancelLosesItsSession() throws Exception {
        admin().close();
        DevSettings settings = new DevSettings(Duration.ofSeconds(1), Duration.ofSeconds(10));
        try (DevDatabase db = open(LocalPostgres.URL, settings)) {
            execute(db.connection(), "SET statement_timeout = 0");
            execute(db.connection(), """
                    CREATE FUNCTION stubborn() RETURNS void LANGUAGE plpgsql AS $$
                    BEGIN
                      LOOP
                        BEGIN
                          PERFORM pg_sleep(0.1);
                        EXCEPTION WHEN query_canceled THEN
                          NULL;
                        END;
                      END LOOP;
                    END $$""");
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> execute(db.connection(), "SELECT stubborn()"));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 20, seconds + " s");
            assertTrue(db.connection().isClosed() || !db.connection().isValid(2), "the backend was terminated: " + e.getMessage());
        }
    }

    @Test
    void databasesAndRolesMadeOutsideTheDevDatabaseAreReportedAndDropped() throws Exception {
        admin().close();
        try (DevDatabase db = open(LocalPostgres.URL, DevSettings.defaults().withPrivileged(true))) {
            assertEquals(List.of(), db.outsideChanges());
            execute(db.connection(), "CREATE DATABASE sg_test_outside");
            execute(db.connection(), "CREATE ROLE sg_test_outside_role SUPERUSER");
            List<OutsideObject> outside = db.outsideChanges();
            assertEquals(List.of(new OutsideObject("database", "sg_test_outside", true),
                    new OutsideObject("role", "sg_test_outside_role", true)), outside);
            assertFalse(databaseExists("sg_test_outside"));
            assertFalse(roleExists("sg_test_outside_role"));
            assertEquals(List.of(), db.outsideChanges(), "reported once");
        } finally {
            try (Connection c = admin()) {
                execute(c, "DROP DATABASE IF EXISTS sg_test_outside");
                execute(c, "DROP ROLE IF EXISTS sg_test_outside_role");
            }
        }
    }

    @Test
    void aLoginThatMayNotCreateInTheGivenDatabaseIsAnEnvironmentErrorUpFront() throws Exception {
        String login = "sg_test_readonly";
        String database = "sg_test_not_owned";
        try (Connection c = admin()) {
            execute(c, "DROP DATABASE IF EXISTS " + database);
            execute(c, "DROP ROLE IF EXISTS " + login);
            execute(c, "CREATE ROLE " + login + " LOGIN NOCREATEDB NOSUPERUSER");
            execute(c, "CREATE DATABASE " + database); // owned by postgres: PUBLIC may not create in public (PG 15+)
        }
        try {
            int major;
            try (Connection c = admin()) {
                major = Integer.parseInt(queryString(c, "SHOW server_version_num")) / 10000;
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(major >= 15, "PUBLIC may create in public before PostgreSQL 15");
            DevDatabaseException e = assertThrows(DevDatabaseException.class,
                    () -> open("postgres://" + login + ":Hunter2Secret@127.0.0.1:5432/" + database, DevSettings.defaults()));
            assertEquals("role " + login + " may not create objects in schema public of database " + database + " on postgres://"
                    + login + ":****@127.0.0.1:5432/" + database + ", nor create a scratch database: grant it CREATEDB (ALTER ROLE "
                    + "\"" + login + "\" CREATEDB), or make it the owner of an empty database (ALTER DATABASE … OWNER TO \""
                    + login + "\")", e.getMessage());
        } finally {
            try (Connection c = admin()) {
                execute(c, "DROP DATABASE IF EXISTS " + database);
                execute(c, "DROP ROLE IF EXISTS " + login);
            }
        }
    }
}
