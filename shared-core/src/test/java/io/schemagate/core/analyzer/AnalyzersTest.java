package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintJson;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.MarkdownReport;
import org.junit.jupiter.api.Test;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * DS101–DS103, BC101–BC102 and CD101 on the local PostgreSQL: each rule fires with its code and line on a bad
 * case, and stays quiet on the good cases and exemptions of rules.md §2.
 */
class AnalyzersTest extends AnalyzerCase {
    @Test
    void dropTableFiresForPreExistingTablesOnly() throws Exception {
        assertEquals(List.of("DS102 2:1 table public.orders is dropped with its rows"), findings("""
                CREATE TABLE scratch (id int);
                DROP TABLE orders;
                DROP TABLE scratch;
                """));
    }

    @Test
    void dropTableAllowPatternExemptsDeprecatedNames() throws Exception {
        Policy allow = policy("DS102", Map.of("allow", List.of("drop_.+")));
        assertEquals(List.of(), findings(allow, "DROP TABLE drop_old_audit;\n"));
    }

    @Test
    void dropColumnsGiveOneFindingPerStatement() throws Exception {
        assertEquals(List.of("DS103 2:1 columns legacy, legacy2 of public.users are dropped with their data"), findings("""
                ALTER TABLE users ADD COLUMN tmp int;
                ALTER TABLE users DROP COLUMN legacy, DROP COLUMN legacy2, DROP COLUMN tmp;
                """));
    }

    @Test
    void dropColumnAllowPatternAndSuppressions() throws Exception {
        assertEquals(List.of(), findings(policy("DS103", Map.of("allow", List.of("drop_.+"))),
                "ALTER TABLE users DROP COLUMN drop_me;\n"));
        assertEquals(List.of(), findings("""
                -- atlas:nolint DS103 -- unused since 4.2
                ALTER TABLE users DROP COLUMN legacy;
                -- atlas:nolint destructive
                ALTER TABLE users DROP COLUMN legacy2;
                """));
        assertEquals(List.of(), findings("-- atlas:nolint\n\nALTER TABLE users DROP COLUMN legacy;\n"));
        assertEquals(List.of("DS103 2:1 column legacy of public.users is dropped with its data"), findings("""
                -- atlas:nolint BC102
                ALTER TABLE users DROP COLUMN legacy;
                """), "a suppression of another rule keeps the finding");
    }

    @Test
    void suppressionHygiene() throws Exception {
        List<Diagnostic> found = harness.lintAll(Policy.DEFAULTS, """
                -- atlas:nolint DS102
                ALTER TABLE users ADD COLUMN note text;
                -- atlas:nolint DS103 -- unused since 4.2
                ALTER TABLE users DROP COLUMN legacy;
                """);
        List<String> hygiene = found.stream().filter(d -> d.code().equals("DI512"))
                .map(d -> d.severity().id() + " " + d.position().line() + " " + d.message()).toList();
        assertEquals(List.of("info 1 atlas:nolint DS102 suppresses nothing; remove it"), hygiene);

        Policy strict = new Policy("test", FailOn.ERROR, true, Map.of());
        List<String> reasons = harness.lintAll(strict, """
                -- atlas:nolint DS103
                ALTER TABLE users DROP COLUMN legacy;
                -- atlas:nolint DS103 -- unused since 4.2
                ALTER TABLE users DROP COLUMN legacy2;
                """).stream().filter(d -> d.code().equals("DI512"))
                .map(d -> d.severity().id() + " " + d.position().line()).toList();
        assertEquals(List.of("warning 1"), reasons, "require-reason flags only the suppression without a reason");
    }

    @Test
    void suppressedFindingsAreReportedWithTheirReasons() throws Exception {
        Path path = Files.createTempDirectory(root, "suppressed");
        Files.writeString(path.resolve("1_base.sql"), AnalyzerHarness.BASE);
        Files.writeString(path.resolve("2_new.sql"), """
                -- atlas:nolint DS103 -- unused since 4.2
                ALTER TABLE users DROP COLUMN legacy;
                """);
        MigrationDir dir = new MigrationDir(path, "m");
        DirectoryHasher.hash(dir, new AtlasFormat());
        LintReport report = MigrateLint.run(
                new LintRequest(dir, new AtlasFormat(),
                        new NewFiles.Latest(1),
                        DevUrl.parse("postgres://postgres@127.0.0.1:5432/postgres"),
                        DevSettings.defaults(), Policy.DEFAULTS, Map.of()));
        FileReport file = report.files().get(0);
        assertEquals(1, file.suppressed().size());
        assertEquals("DS103", file.suppressed().get(0).diagnostic().code());
        assertEquals("unused since 4.2", file.suppressed().get(0).reason());
        assertTrue(MarkdownReport.render(report).contains("reason: unused since 4.2"),
                "the PR comment shows the reason");
        assertTrue(LintJson.render(report).contains("\"reason\" : \"unused since 4.2\""));
    }

    @Test
    void dropSchemaCountsItsTables() throws Exception {
        assertEquals(List.of("DS101 2:1 schema billing is dropped with its 1 table"), findings("""
                CREATE SCHEMA staging;
                DROP SCHEMA billing CASCADE;
                DROP SCHEMA staging;
                """));
    }

    @Test
    void renamesBreakClientsUnlessTheOldNameStays() throws Exception {
        assertEquals(List.of("BC101 1:1 table public.orders is renamed to public.purchases; code that still uses the old name breaks",
                "BC102 2:1 column public.users.name is renamed to full_name; code that still uses the old name breaks"),
                findings("""
                        ALTER TABLE orders RENAME TO purchases;
                        ALTER TABLE users RENAME COLUMN name TO full_name;
                        """));
        assertEquals(List.of(), findings("""
                ALTER TABLE orders RENAME TO purchases;
                CREATE VIEW orders AS SELECT * FROM purchases;
                ALTER TABLE users RENAME COLUMN name TO full_name;
                ALTER TABLE users ADD COLUMN name text GENERATED ALWAYS AS (full_name) STORED;
                CREATE TABLE fresh (a int);
                ALTER TABLE fresh RENAME COLUMN a TO b;
                ALTER TABLE fresh RENAME TO fresher;
                """).stream().filter(f -> f.startsWith("BC")).toList());
    }

    @Test
    void droppedForeignKeyIsNoLongerEnforced() throws Exception {
        assertEquals(List.of("CD101 1:1 foreign key orders_user_fk on public.orders is dropped; public.orders → public.users"
                + " is no longer enforced"), findings("ALTER TABLE orders DROP CONSTRAINT orders_user_fk;\n"));
        assertEquals(List.of("DS103 1:1 column user_id of public.orders is dropped with its data"),
                findings("ALTER TABLE orders DROP COLUMN user_id;\n"), "dropping the key's column is DS103's finding");
        assertTrue(findings("""
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE orders DROP CONSTRAINT orders_user_fk2;
                """).stream().noneMatch(f -> f.startsWith("CD101")), "a key created in the same file");
    }

    @Test
    void findingsCarryAFix() throws Exception {
        Diagnostic d = lint(Policy.DEFAULTS, "DROP TABLE orders;\n");
        assertTrue(d.fixes().get(0).message().contains("SELECT NOT EXISTS (SELECT 1 FROM public.orders)"), d.toString());
    }

    private List<String> findings(String newFile) throws Exception {
        return harness.findings(newFile);
    }

    private List<String> findings(Policy policy, String newFile) throws Exception {
        return harness.findings(policy, newFile);
    }

    private Diagnostic lint(Policy policy, String newFile) throws Exception {
        return harness.lint(policy, newFile).get(0);
    }

    private static Policy policy(String code, Map<String, Object> options) {
        return AnalyzerHarness.policy(code, options);
    }
}
