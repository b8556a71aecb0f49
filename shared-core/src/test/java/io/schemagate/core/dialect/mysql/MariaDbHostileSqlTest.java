package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.testing.LintHarness;
import io.schemagate.core.testing.LocalMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations written to trip schemagate up on the local MariaDB service: the ALTER probe, session settings the
 * inspector shares, a statement the server keeps running after the driver gave up, and what messages show.
 */
class MariaDbHostileSqlTest {
    private static final String WAIT = MysqlRulesContract.WAIT;

    @TempDir
    Path root;
    LintHarness lint;

    @BeforeEach
    void harness() {
        LocalMariaDb.require();
        lint = new LintHarness(root, LocalMariaDb.URL, MysqlRulesContract.BASE);
    }

    @Test
    void theProbeLeavesATableRenameWithoutToAlone() throws Exception {
        // MySQL's TO is optional: the probe used to rename its copy to "people", so the real statement found it taken.
        for (String alter : List.of("ALTER TABLE users ADD COLUMN note int, RENAME people;",
                "ALTER TABLE users RENAME/**/TO people;")) {
            LintReport report = lint.report(WAIT + alter);
            assertEquals(List.of(), codes(report, "DI509"), alter);
            assertTrue(report.files().get(0).changes().stream()
                    .anyMatch(c -> c.kind().equals("add_table") || c.kind().equals("rename_table")), alter);
        }
    }

    @Test
    void sessionSettingsOfTheMigrationDoNotBlindTheInspector() throws Exception {
        // sql_select_limit cut the catalog queries short: the new column vanished, and columns seemed dropped.
        assertEquals(List.of("MY101 3"), lint.codes(WAIT + "SET SESSION sql_select_limit = 1;\n"
                + "ALTER TABLE users ADD COLUMN age int NOT NULL;"));
        assertEquals(List.of("DS103 3"), lint.codes(WAIT + "SET SESSION max_join_size = 1;\n"
                + "ALTER TABLE users DROP COLUMN legacy;"));
        assertEquals(List.of("DS103 3"), lint.codes(WAIT + "SET SESSION sql_mode = ORACLE;\n"
                + "ALTER TABLE users DROP COLUMN legacy;"));
        // The migration's own settings are back for its next statement (varchar2 exists in ORACLE mode only).
        assertEquals(List.of(), codes(lint.report(WAIT + "SET SESSION sql_mode = ORACLE;\n"
                + "CREATE TABLE notes (id int, note varchar2(10));"), "DI509"));
    }

    @Test
    void messagesDoNotShowTheRandomReplayUser() throws Exception {
        Diagnostic d = MysqlRulesContract.only(lint.findings(WAIT + "CREATE DATABASE elsewhere;"));
        assertEquals("DI509", d.code());
        assertTrue(d.message().contains("Access denied for user 'sg_dev_*'"), d.message());
        assertFalse(Pattern.compile("sg_dev_[a-z0-9]{10}").matcher(d.message()).find(), d.message());
    }

    @Test
    void aStatementTheServerKeepsRunningLeavesNothingBehind() throws Exception {
        // The migration lifts its own max_statement_time: the driver gives up after the socket timeout, the server
        // runs on holding a lock on the table, and the drop used to wait on it (leaving database, user and query).
        LintReport report = lint(Duration.ofSeconds(2), WAIT + "INSERT INTO audit VALUES (1);\n"
                + "SET SESSION max_statement_time = 0;\n"
                + "SELECT BENCHMARK(100000000000, MD5(id)) FROM audit;");
        assertEquals(List.of("DI509"), report.diagnostics().stream().map(Diagnostic::code).toList());
        String scratch = scratchName(report);
        assertEquals(0, count("SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", scratch));
        assertEquals(0, count("SELECT count(*) FROM mysql.user WHERE user = ?", scratch));
        assertEquals(0, count("SELECT count(*) FROM information_schema.PROCESSLIST WHERE USER = ?", scratch));
    }

    @Test
    void theStatementTimeoutHoldsWhenTheMigrationLiftsIt() throws Exception {
        long start = System.nanoTime();
        LintReport report = lint(Duration.ofSeconds(2), WAIT + "INSERT INTO audit VALUES (1);\n"
                + "SET STATEMENT max_statement_time = 0 FOR SELECT BENCHMARK(100000000000, MD5(id)) FROM audit;");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(List.of("DI509"), report.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "lint took " + took);
    }

    @Test
    void anXaTransactionIsAFindingNotAFailureOfTheTool() throws Exception {
        Diagnostic d = MysqlRulesContract.only(lint.findings(WAIT + "XA START 'x';"));
        assertEquals("DI509", d.code());
    }

    @Test
    void useOfAnotherDatabaseDoesNotMoveTheInspector() throws Exception {
        assertEquals(List.of(), lint.codes(WAIT + "USE information_schema;"));
    }

    @Test
    void systemVersionedTablesAreInspected() throws Exception {
        LintHarness versioned = new LintHarness(root, LocalMariaDb.URL,
                "CREATE TABLE history (id int PRIMARY KEY) WITH SYSTEM VERSIONING;");
        assertEquals(List.of("DS102 2"), versioned.codes(WAIT + "DROP TABLE history;"));
    }

    private LintReport lint(Duration statementTimeout, String newFile) throws Exception {
        Path dir = Files.createTempDirectory(root, "migrations");
        Files.writeString(dir.resolve("1_base.sql"), MysqlRulesContract.BASE);
        Files.writeString(dir.resolve("2_new.sql"), newFile);
        MigrationDir migrations = new MigrationDir(dir, "m");
        DirectoryHasher.hash(migrations, new AtlasFormat());
        return MigrateLint.run(new LintRequest(migrations, new AtlasFormat(), new NewFiles.Latest(1),
                DevUrl.parse(LocalMariaDb.URL), new DevSettings(statementTimeout, Duration.ofSeconds(10)),
                Policy.DEFAULTS, Map.of()));
    }

    private static List<String> codes(LintReport report, String code) {
        return report.diagnostics().stream().filter(d -> d.code().equals(code)).map(Diagnostic::message).toList();
    }

    private static String scratchName(LintReport report) {
        Matcher name = Pattern.compile("scratch database (sg_dev_\\w+) on ").matcher(report.devDatabase());
        assertTrue(name.find(), report.devDatabase());
        return name.group(1);
    }

    private static int count(String query, String name) throws Exception {
        try (Connection c = LocalMariaDb.admin(); PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
