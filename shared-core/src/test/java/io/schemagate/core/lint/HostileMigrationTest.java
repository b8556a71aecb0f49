package io.schemagate.core.lint;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.LintJson;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.LintText;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.TextStyle;
import io.schemagate.core.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migrations written by a hostile contributor, replayed by {@code migrate lint} on the embedded default (started by
 * root here, as in the container action) and on the local service. Each attack must fail or be reported, and have no
 * effect outside the scratch database: no program runs, no file is read into the report or written, no database,
 * role or server setting changes.
 */
class HostileMigrationTest {

    private static final String SERVICE = LocalPostgres.URL;
    private static final String EMBEDDED = "embedded://postgres";
    /** A database on the service a migration must not be able to drop. */
    private static final String VICTIM = "sg_test_hostile_victim";
    private static final String SECRET = "sg-hostile-secret-7f3a9c";
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @TempDir
    static Path outside;

    private static Path secretFile;

    @BeforeAll
    static void setUp() throws Exception {
        LocalPostgres.require();
        secretFile = outside.resolve("secret.txt");
        Files.writeString(secretFile, SECRET + "\n");
        try (Connection c = LocalPostgres.admin()) {
            LocalPostgres.execute(c, "DROP DATABASE IF EXISTS " + VICTIM);
            LocalPostgres.execute(c, "CREATE DATABASE " + VICTIM);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        try (Connection c = LocalPostgres.admin()) {
            LocalPostgres.execute(c, "DROP DATABASE IF EXISTS " + VICTIM + " WITH (FORCE)");
            LocalPostgres.execute(c, "DROP DATABASE IF EXISTS sg_test_hostile_made");
            LocalPostgres.execute(c, "DROP ROLE IF EXISTS sg_test_hostile_role");
        }
    }

    /** Name, header (txmode none for statements that refuse a transaction), the file's statements. */
    static Stream<Arguments> attacks() {
        List<Arguments> attacks = new ArrayList<>();
        for (String url : List.of(EMBEDDED, SERVICE)) {
            attacks.add(Arguments.of(url, "COPY TO PROGRAM", "", "COPY (SELECT 1) TO PROGRAM 'touch CANARY';"));
            attacks.add(Arguments.of(url, "COPY FROM PROGRAM", "",
                    "CREATE TABLE loot (line text);\nCOPY loot FROM PROGRAM 'cat SECRET_FILE';"));
            attacks.add(Arguments.of(url, "COPY TO a file", "", "COPY (SELECT 'owned') TO 'CANARY';"));
            attacks.add(Arguments.of(url, "COPY FROM a file", "", "CREATE TABLE loot (line text);\nCOPY loot FROM 'SECRET_FILE';"));
            attacks.add(Arguments.of(url, "pg_read_file in a cast error", "", "SELECT CAST(pg_read_file('SECRET_FILE') AS int);"));
            attacks.add(Arguments.of(url, "pg_read_file of the server's environment", "",
                    "SELECT CAST(pg_read_file('/proc/self/environ') AS int);"));
            attacks.add(Arguments.of(url, "lo_import", "", "SELECT lo_import('SECRET_FILE');"));
            attacks.add(Arguments.of(url, "dblink", "", "CREATE EXTENSION dblink;"));
            attacks.add(Arguments.of(url, "postgres_fdw", "", "CREATE EXTENSION postgres_fdw;"));
            attacks.add(Arguments.of(url, "CREATE DATABASE", "-- atlas:txmode none\n\n", "CREATE DATABASE sg_test_hostile_made;"));
            attacks.add(Arguments.of(url, "DROP DATABASE", "-- atlas:txmode none\n\n",
                    "DROP DATABASE " + (url.equals(SERVICE) ? VICTIM : "postgres") + " WITH (FORCE);"));
            attacks.add(Arguments.of(url, "CREATE ROLE", "", "CREATE ROLE sg_test_hostile_role SUPERUSER LOGIN;"));
            attacks.add(Arguments.of(url, "ALTER SYSTEM", "-- atlas:txmode none\n\n", "ALTER SYSTEM SET work_mem = '1GB';"));
            attacks.add(Arguments.of(url, "ALTER ROLE", "", "ALTER ROLE postgres PASSWORD 'pwned';"));
            attacks.add(Arguments.of(url, "SET ROLE", "", "SET ROLE postgres;\nCREATE TABLE as_superuser (id int);"));
            attacks.add(Arguments.of(url, "SET SESSION AUTHORIZATION", "", "SET SESSION AUTHORIZATION postgres;"));
            attacks.add(Arguments.of(url, "untrusted language", "", "CREATE FUNCTION sh() RETURNS void LANGUAGE c AS '/bin/sh', 'main';"));
            attacks.add(Arguments.of(url, "timeout off, endless sleep", "", "SET statement_timeout = 0;\nSELECT pg_sleep(600);"));
        }
        return attacks.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("attacks")
    void attackFailsOrIsReportedAndChangesNothingOutside(String url, String attack, String header, String sql,
                                                         @TempDir Path root) throws Exception {
        Path canary = root.resolve("canary"); // a file a migration must not be able to create
        String statements = sql.replace("CANARY", canary.toString()).replace("SECRET_FILE", secretFile.toString());
        Path path = Files.createDirectories(root.resolve("migrations"));
        Files.writeString(path.resolve("1_base.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Files.writeString(path.resolve("2_attack.sql"), header + statements + "\n");
        MigrationDir dir = new MigrationDir(path, "migrations");
        DirectoryHasher.hash(dir, new AtlasFormat());
        ServerState before = ServerState.read();

        long start = System.nanoTime();
        LintReport report = MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1), DevUrl.parse(url),
                new DevSettings(LIMIT, Duration.ofSeconds(10)), Policy.DEFAULTS, Map.of()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        List<String> codes = report.diagnostics().stream().map(Diagnostic::code).toList();
        assertTrue(codes.contains("DI509") || codes.contains("TX503"), attack + " must fail: " + report.diagnostics());
        assertTrue(report.files().get(0).error() != null, attack + ": replay stops at the refused statement");
        if (attack.startsWith("timeout off")) {
            assertTrue(codes.contains("DI517"), "turning the timeout off is reported: " + codes);
            assertTrue(report.files().get(0).error().contains("--statement-timeout"), report.files().get(0).error());
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "the statement limit held: " + took);
        }
        assertFalse(Files.exists(canary), attack + " wrote " + canary);
        assertEquals(SECRET + "\n", Files.readString(secretFile));
        for (String rendered : List.of(LintText.render(report, Policy.DEFAULTS.failOn().verdict(report.diagnostics()), TextStyle.PLAIN), LintJson.render(report),
                MarkdownReport.render(report))) {
            assertFalse(rendered.contains(SECRET), attack + " leaked the file into the report:\n" + rendered);
            assertFalse(rendered.contains("PATH=") || rendered.contains("HOME="), attack + " leaked an environment:\n" + rendered);
        }
        assertEquals(before, ServerState.read(), attack + " changed the service outside its scratch database");
    }

    @org.junit.jupiter.api.Test
    void aLoginThatCannotIsolateStillGetsWhatItMadeOutsideReportedAndDropped(@TempDir Path root) throws Exception {
        String login = "sg_test_hostile_createdb";
        try (Connection c = LocalPostgres.admin()) {
            LocalPostgres.execute(c, "DROP ROLE IF EXISTS " + login);
            LocalPostgres.execute(c, "CREATE ROLE " + login + " LOGIN CREATEDB NOCREATEROLE NOSUPERUSER");
        }
        try {
            Path path = Files.createDirectories(root.resolve("migrations"));
            Files.writeString(path.resolve("1_base.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            Files.writeString(path.resolve("2_attack.sql"), "-- atlas:txmode none\n\nCREATE DATABASE sg_test_hostile_made;\n");
            MigrationDir dir = new MigrationDir(path, "migrations");
            DirectoryHasher.hash(dir, new AtlasFormat());
            LintReport report = MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1),
                    DevUrl.parse("postgres://" + login + "@127.0.0.1:5432/postgres"), DevSettings.defaults(), Policy.DEFAULTS,
                    Map.of()));
            assertTrue(report.devDatabase().contains("(not isolated: " + login + " may not create roles"), report.devDatabase());
            assertEquals(List.of("DI516 migrations/2_attack.sql:1 error this file created database \"sg_test_hostile_made\""
                            + " outside the dev database (schemagate dropped it again)"),
                    report.diagnostics().stream().map(d -> d.code() + " " + d.file() + ":" + d.position().line() + " "
                            + d.severity().id() + " " + d.message()).toList());
            assertFalse(LocalPostgres.databaseExists("sg_test_hostile_made"));
        } finally {
            try (Connection c = LocalPostgres.admin()) {
                LocalPostgres.execute(c, "DROP DATABASE IF EXISTS sg_test_hostile_made");
                LocalPostgres.execute(c, "DROP ROLE IF EXISTS " + login);
            }
        }
    }

    /**
     * What a migration must not change on the local service: its databases and roles (other than schemagate runs'
     * own, and other tests' fixtures, which parallel test runs make too), role attributes and passwords, and ALTER
     * SYSTEM settings.
     */
    record ServerState(TreeSet<String> databases, TreeSet<String> roles, TreeSet<String> autoConf) {
        static ServerState read() throws Exception {
            try (Connection c = LocalPostgres.admin(); Statement s = c.createStatement()) {
                return new ServerState(
                        strings(s, "SELECT datname FROM pg_database WHERE datname !~ '^sg_(dev|test)_' OR datname ~ '^sg_test_hostile'"),
                        strings(s, "SELECT concat_ws(' ', rolname, rolsuper, rolcreatedb, rolcreaterole, rolcanlogin,"
                                + " md5(coalesce(rolpassword, ''))) FROM pg_authid WHERE rolname !~ '^sg_(run|test)_' OR rolname ~ '^sg_test_hostile'"),
                        strings(s, "SELECT name || '=' || setting FROM pg_file_settings WHERE sourcefile LIKE '%auto.conf'"));
            }
        }

        private static TreeSet<String> strings(Statement s, String sql) throws Exception {
            TreeSet<String> values = new TreeSet<>();
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
