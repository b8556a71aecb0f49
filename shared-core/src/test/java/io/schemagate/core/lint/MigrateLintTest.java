package io.schemagate.core.lint;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.ChangeAt;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintJson;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.LintText;
import io.schemagate.core.report.TextStyle;
import io.schemagate.core.testing.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code migrate lint} end to end on the local PostgreSQL service: attribution, failures, cleanup, secrets. */
class MigrateLintTest {
    /** Trust auth ignores the password, so a made-up one proves it never reaches output. */
    private static final String SERVICE = "postgres://postgres:Sup3rS3cret@127.0.0.1:5432/postgres";

    @TempDir
    Path root;

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    @ParameterizedTest
    @ValueSource(strings = {SERVICE, "embedded://postgres"})
    void changesAreAttributedToTheirStatements(String devUrl) throws Exception {
        MigrationDir dir = directory(
                "1_base.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy int);\n",
                "2_new.sql", """
                        ALTER TABLE users ADD COLUMN email text;

                        CREATE UNIQUE INDEX users_email ON users (email);
                        ALTER TABLE users DROP COLUMN legacy;
                        ALTER TABLE users RENAME COLUMN name TO full_name;
                        INSERT INTO users (id, email) VALUES (1, 'a@example.com');
                        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
                        """);
        DirectoryHasher.hash(dir, new AtlasFormat());
        LintReport report = MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1),
                DevUrl.parse(devUrl), DevSettings.defaults(), Policy.DEFAULTS, Map.of()));

        FileReport file = report.files().get(0);
        assertEquals(dir.displayOf("2_new.sql"), file.name());
        assertTrue(file.added());
        assertNull(file.error());
        assertTrue(file.changes().contains(new ChangeAt("add_column", "public.users.email", 1)), file.changes().toString());
        assertTrue(file.changes().stream().anyMatch(c -> c.kind().equals("add_index") && c.line() == 3), file.changes().toString());
        assertTrue(file.changes().contains(new ChangeAt("drop_column", "public.users.legacy", 4)), file.changes().toString());
        assertTrue(file.changes().stream().anyMatch(c -> c.kind().equals("rename_column") && c.line() == 5), file.changes().toString());
        assertTrue(file.changes().stream().noneMatch(c -> c.line() == 6), "an INSERT changes no schema: " + file.changes());
        assertTrue(file.changes().stream().anyMatch(c -> c.kind().equals("add_table") && c.object().equals("public.orders")
                && c.line() == 7), file.changes().toString());
        assertEquals(List.of("DS103 4"), report.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(d -> d.code() + " " + d.position().line()).toList(), "only the dropped column is an error");
    }

    @Test
    void failingStatementIsReportedAtTheServersPosition() throws Exception {
        MigrationDir dir = directory(
                "1_base.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n",
                "2_new.sql", "ALTER TABLE users ADD COLUMN email text;\nALTER TABLE users ADD COLUMN age int,\n    ADD COLUMN x nosuchtype;\nSELECT 1;\n");
        LintReport report = lint(dir, new AtlasFormat(), new NewFiles.Latest(1));

        FileReport file = report.files().get(0);
        assertTrue(file.error().contains("type \"nosuchtype\" does not exist"), file.error());
        Diagnostic failure = file.diagnostics().stream().filter(d -> d.code().equals("DI509")).findFirst().orElseThrow();
        assertEquals(3, failure.position().line());
        assertEquals(18, failure.position().column(), "the server points at the unknown type");
        assertEquals(1, report.count(Severity.ERROR));
        assertEquals(List.of(new ChangeAt("add_column", "public.users.email", 1)), file.changes(),
                "changes before the failure are still reported");
    }

    @Test
    void brokenBaseFileIsDi510AndNewFilesAreNotReplayed() throws Exception {
        MigrationDir dir = directory(
                "1_base.sql", "ALTER TABLE missing ADD COLUMN a int;\n",
                "2_new.sql", "CREATE TABLE t (a int);\n");
        LintReport report = lint(dir, new AtlasFormat(), new NewFiles.Latest(1));

        assertTrue(report.diagnostics().stream().anyMatch(d -> d.code().equals("DI510")
                && d.file().equals(dir.displayOf("1_base.sql"))), report.diagnostics().toString());
        FileReport added = report.files().stream().filter(FileReport::added).findFirst().orElseThrow();
        assertTrue(added.error().startsWith("not replayed"), added.error());
    }

    @Test
    void multiStatementBaseFilesRunAtOnceAndFailuresAreStillLocated() throws Exception {
        MigrationDir dir = directory(
                "1_base.sql", "CREATE TABLE a (id int) -- trailing comment\n;\nCREATE TABLE b (id int);\n",
                "2_base.sql", "CREATE TABLE c (id int);\nALTER TABLE missing\n  ADD COLUMN x int;\nCREATE TABLE d (id int);\n",
                "3_new.sql", "CREATE TABLE e (id int);\n");
        LintReport report = lint(dir, new AtlasFormat(), new NewFiles.Latest(1));

        Diagnostic failure = report.diagnostics().stream().filter(d -> d.code().equals("DI510")).findFirst().orElseThrow();
        assertEquals(dir.displayOf("2_base.sql"), failure.file());
        assertEquals(2, failure.position().line(), "the failing statement of the batch, found by the statement-wise retry");
        assertTrue(failure.message().contains("relation \"missing\" does not exist"), failure.message());
    }

    @Test
    void nonTransactionalFileRunsConcurrentIndexes() throws Exception {
        MigrationDir dir = directory(
                "1_base.sql", "CREATE TABLE t (a int);\n",
                "2_idx.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n",
                "3_idx_tx.sql", "CREATE INDEX CONCURRENTLY t_a2 ON t (a);\n");
        LintReport report = lint(dir, new AtlasFormat(), new NewFiles.Latest(2));

        assertNull(report.files().get(0).error(), "txmode none runs outside a transaction");
        assertTrue(report.files().get(1).error().contains("cannot run inside a transaction block"),
                String.valueOf(report.files().get(1).error()));
        assertEquals("PG103", report.files().get(1).diagnostics().get(0).code());
    }

    @Test
    void gitBaseFindsNewFilesAndHistoryProblems() throws Exception {
        MigrationDir dir = directory(
                "1_a.sql", "CREATE TABLE a (id int);\n",
                "3_c.sql", "CREATE TABLE c (id int);\n");
        DirectoryHasher.hash(dir, new AtlasFormat());
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(dir.path().resolve("1_a.sql"), "CREATE TABLE a (id bigint);\n");
        Files.writeString(dir.path().resolve("2_b.sql"), "CREATE TABLE b (id int);\n");
        Files.writeString(dir.path().resolve("4_d.sql"), "ALTER TABLE c ADD COLUMN note text;\n");
        DirectoryHasher.hash(dir, new AtlasFormat());
        git("add", ".");
        git("commit", "-q", "-m", "change");

        LintReport report = MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.GitBase("main"),
                DevUrl.parse(SERVICE), DevSettings.defaults(), Policy.DEFAULTS, Map.of()));

        List<String> added = report.files().stream().filter(FileReport::added).map(FileReport::name).toList();
        assertEquals(List.of(dir.displayOf("1_a.sql"), dir.displayOf("2_b.sql"), dir.displayOf("4_d.sql")), added);
        List<String> codes = report.diagnostics().stream().map(d -> d.code() + " " + d.file()).toList();
        assertTrue(codes.contains("DI503 " + dir.displayOf("1_a.sql")), codes.toString());
        assertTrue(codes.contains("DI506 " + dir.displayOf("2_b.sql")), codes.toString());
        FileReport last = report.files().stream().filter(f -> f.name().equals(dir.displayOf("4_d.sql"))).findFirst()
                .orElseThrow();
        assertEquals(List.of(new ChangeAt("add_column", "public.c.note", 1)), last.changes());
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.resolve("migrations").toString(),
                "-c", "user.name=schemagate", "-c", "user.email=tests@schemagate.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + output);
    }

    @Test
    void noScratchDatabaseIsLeftAndNoPasswordShows() throws Exception {
        MigrationDir dir = directory("1_a.sql", "CREATE TABLE a (id int);\n", "2_b.sql", "SELECT * FROM nope;\n");
        LintReport report = lint(dir, new AtlasFormat(), new NewFiles.Latest(1));

        Matcher name = Pattern.compile("sg_dev_\\w+").matcher(report.devDatabase());
        assertTrue(name.find(), report.devDatabase());
        assertFalse(LocalPostgres.databaseExists(name.group()), "the scratch database is dropped, also after a failure");
        String rendered = LintJson.render(report) + LintText.render(report, FailOn.ERROR.verdict(report.diagnostics()), TextStyle.PLAIN);
        assertFalse(rendered.contains("Sup3rS3cret"), rendered);
        assertTrue(report.devDatabase().contains("****"), report.devDatabase());
    }

    @Test
    void golangMigrateToolTableExistsForTheMigrations() throws Exception {
        MigrationDir dir = directory(
                "1_init.up.sql", "CREATE TABLE t (a int);\n",
                "2_touch.up.sql", "ALTER TABLE schema_migrations ADD COLUMN data_version int;\n");
        LintReport report = lint(dir, new GolangMigrateFormat(), new NewFiles.Latest(1));
        assertNull(report.files().get(0).error(), report.toString());
    }

    @Test
    void noNewFilesNeedNoDatabase() throws Exception {
        MigrationDir dir = directory();
        LintReport report = MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1),
                DevUrl.parse("postgres://postgres@127.0.0.1:1/closed"), DevSettings.defaults(), Policy.DEFAULTS, Map.of()));
        assertEquals(0, report.addedFiles());
        assertNull(report.devDatabase(), "an empty directory must not open the (unreachable) dev database");
    }

    private LintReport lint(MigrationDir dir, DirFormat format, NewFiles selection) throws Exception {
        DirectoryHasher.hash(dir, format);
        return MigrateLint.run(new LintRequest(dir, format, selection, DevUrl.parse(SERVICE), DevSettings.defaults(), Policy.DEFAULTS, Map.of()));
    }

    private MigrationDir directory(String... namesAndContents) throws Exception {
        Path path = Files.createDirectories(root.resolve("migrations"));
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Files.writeString(path.resolve(namesAndContents[i]), namesAndContents[i + 1]);
        }
        return new MigrationDir(path, "migrations");
    }
}
