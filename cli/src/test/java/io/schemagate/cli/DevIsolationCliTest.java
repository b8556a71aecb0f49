package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who migrations replay as, seen from the command line: refusals, logins that cannot isolate, --dev-privileged. */
class DevIsolationCliTest {
    private static final String SERVICE = "postgres://postgres:Hunter2Pass@127.0.0.1:5432/postgres";

    @TempDir
    Path temp;
    Path dir;

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    @BeforeEach
    void directory() throws Exception {
        dir = Files.createDirectory(temp.resolve("migrations"));
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
    }

    private CliRun lintNewFile(String sql, String... extra) throws Exception {
        Files.writeString(dir.resolve("2_new.sql"), sql);
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
        String[] base = {"migrate", "lint", "--dir", dir.toString(), "--latest", "1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void aSuperuserOnlyStatementFailsTheGateWithTheServersMessageAndAHint() throws Exception {
        CliRun run = lintNewFile("ALTER TABLE users ADD COLUMN note text;\nCOPY (SELECT 1) TO PROGRAM 'true';\n",
                "--dev-url", SERVICE);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains(":2:1: error DI509: must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an"
                + " external program"
                + " (migrations replay as an unprivileged owner of the dev database"), run.out());
        assertFalse(run.out().contains("privileged: migrations replay as"), run.out());
    }

    @Test
    void devPrivilegedReplaysAsTheLoginAndSaysSoInTheReport() throws Exception {
        CliRun run = lintNewFile("CREATE FUNCTION one() RETURNS int LANGUAGE internal AS 'int4in';\n",
                "--dev-url", SERVICE, "--dev-privileged", "--format", "json");
        assertTrue(run.out().contains("(privileged: migrations replay as postgres)"), run.toString());
        assertFalse(run.out().contains("Hunter2Pass") || run.err().contains("Hunter2Pass"), run.toString());
    }

    @Test
    void aLoginThatCanNeitherCreateADatabaseNorCreateInTheGivenOneIsAnEnvironmentError() throws Exception {
        String login = "sg_test_cli_nocreate";
        String database = "sg_test_cli_not_owned";
        try (Connection c = LocalPostgres.admin()) {
            LocalPostgres.execute(c, "DROP DATABASE IF EXISTS " + database);
            LocalPostgres.execute(c, "DROP ROLE IF EXISTS " + login);
            LocalPostgres.execute(c, "CREATE ROLE " + login + " LOGIN NOCREATEDB NOSUPERUSER");
            LocalPostgres.execute(c, "CREATE DATABASE " + database);
        }
        try (Connection c = LocalPostgres.admin(database)) {
            LocalPostgres.execute(c, "REVOKE CREATE ON SCHEMA public FROM PUBLIC"); // as PostgreSQL 15+ has it anyway
        }
        try {
            CliRun run = lintNewFile("ALTER TABLE users ADD COLUMN note text;\n",
                    "--dev-url", "postgres://" + login + ":Hunter2Pass@127.0.0.1:5432/" + database);
            assertEquals(3, run.exitCode(), "a permissions problem of the environment, not a finding: " + run);
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().startsWith("schemagate: role " + login + " may not create objects in schema public of database "
                    + database), run.err());
            assertEquals("", run.out());
        } finally {
            try (Connection c = LocalPostgres.admin()) {
                LocalPostgres.execute(c, "DROP DATABASE IF EXISTS " + database);
                LocalPostgres.execute(c, "DROP ROLE IF EXISTS " + login);
            }
        }
    }
}
