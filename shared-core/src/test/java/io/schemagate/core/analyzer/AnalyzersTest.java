package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.RuleSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DS101–DS103, BC101–BC102 and CD101 on the local PostgreSQL: each rule fires with its code and line on a bad
 * case, and stays quiet on the good cases and exemptions of rules.md §2.
 */
class AnalyzersTest {
    private static final String BASE = """
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
            CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy int, legacy2 int, drop_me int);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint CONSTRAINT orders_user_fk REFERENCES users (id));
            CREATE TABLE drop_old_audit (id bigint);
            """;

    @TempDir
    Path root;

    @BeforeAll
    static void serviceIsUp() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")) {
            c.isValid(2);
        } catch (Exception e) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), "PostgreSQL is required under CI=true");
            Assumptions.abort("PostgreSQL on 127.0.0.1:5432 is not running: " + e.getMessage());
        }
    }

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
                """));
    }

    @Test
    void droppedForeignKeyIsNoLongerEnforced() throws Exception {
        assertEquals(List.of("CD101 1:1 foreign key orders_user_fk on public.orders is dropped; public.orders → public.users"
                + " is no longer enforced"), findings("ALTER TABLE orders DROP CONSTRAINT orders_user_fk;\n"));
        assertEquals(List.of("DS103 1:1 column user_id of public.orders is dropped with its data"),
                findings("ALTER TABLE orders DROP COLUMN user_id;\n"), "dropping the key's column is DS103's finding");
        assertEquals(List.of(), findings("""
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE orders DROP CONSTRAINT orders_user_fk2;
                """));
    }

    @Test
    void findingsCarryAFix() throws Exception {
        Diagnostic d = lint(Policy.DEFAULTS, "DROP TABLE orders;\n").get(0);
        assertTrue(d.fixes().get(0).message().contains("SELECT NOT EXISTS (SELECT 1 FROM public.orders)"), d.toString());
    }

    private List<String> findings(String newFile) throws Exception {
        return findings(Policy.DEFAULTS, newFile);
    }

    private List<String> findings(Policy policy, String newFile) throws Exception {
        return lint(policy, newFile).stream()
                .map(d -> d.code() + " " + d.position().line() + ":" + d.position().column() + " " + d.message())
                .toList();
    }

    private List<Diagnostic> lint(Policy policy, String newFile) throws Exception {
        Path path = Files.createTempDirectory(root, "migrations");
        Files.writeString(path.resolve("1_base.sql"), BASE);
        Files.writeString(path.resolve("2_new.sql"), newFile);
        MigrationDir dir = new MigrationDir(path, "m");
        DirectoryHasher.hash(dir, new AtlasFormat());
        return MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1),
                        DevUrl.parse("postgres://postgres@127.0.0.1:5432/postgres"), DevSettings.defaults(), policy, Map.of()))
                .diagnostics().stream()
                .filter(d -> !d.code().startsWith("DI"))
                .toList();
    }

    private static Policy policy(String code, Map<String, Object> options) {
        return new Policy("test", FailOn.ERROR, false, Map.of(code, new RuleSetting(null, options)));
    }
}
