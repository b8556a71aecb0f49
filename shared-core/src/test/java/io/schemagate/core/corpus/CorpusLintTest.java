package io.schemagate.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.testing.LocalMariaDb;
import io.schemagate.core.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every corpus lints with its last 3 files new, on PostgreSQL, MariaDB (standing in for MySQL 8) and SQLite: base
 * files replay, new files replay statement by statement with inspection, and nothing fails or crashes. The findings
 * per rule are printed, for the record.
 */
class CorpusLintTest {
    private static final String SERVICE = "postgres://postgres@127.0.0.1:5432/postgres";
    private static final String SQLITE = "sqlite://corpus?mode=memory";

    @TempDir
    Path temp;

    @Test
    void harbor() throws Exception {
        Path harbor = SharedData.corpus("harbor").resolve("make/migrations/postgresql");
        assertCleanReplay(lint(new MigrationDir(harbor, "harbor"), new GolangMigrateFormat()));
    }

    @Test
    void kratosPostgres() throws Exception {
        assertCleanReplay(lint(kratos("postgres", Set.of(), null), new AtlasFormat()));
    }

    /**
     * MariaDB refuses two files, MySQL-8-only SQL (SOURCE.md): the first is left out (nothing later needs it), and the
     * chain ends before the second (later files alter its table).
     */
    @Test
    void kratosMysql() throws Exception {
        LocalMariaDb.require();
        LintReport report = lint(kratos("mysql", Set.of("20200317160354000002_create_profile_request_forms.mysql.up.sql"),
                "20260408000000000000"), new AtlasFormat(), LocalMariaDb.URL);
        assertCleanReplay(report);
    }

    @Test
    void kratosSqlite() throws Exception {
        assertCleanReplay(lint(kratos("sqlite3", Set.of(), null), new AtlasFormat(), SQLITE));
    }

    /** Kratos's popx directory for one dialect as an Atlas directory (see {@link CorpusDirectories#kratos}). */
    private MigrationDir kratos(String dialect, Set<String> skipped, String endBefore) throws Exception {
        return CorpusDirectories.kratosAtlas(temp, "kratos-" + dialect, CorpusDirectories.kratos(dialect, skipped,
                endBefore));
    }

    /** temporal-sql-tool runs files without a transaction, as the txmode header added to each copy says. */
    @ParameterizedTest
    @ValueSource(strings = {"temporal", "visibility"})
    void temporalPostgres(String database) throws Exception {
        assertCleanReplay(lint(CorpusDirectories.temporal(temp, "schema/postgresql/v12", database), new AtlasFormat()));
    }

    /** Only temporal: visibility needs MySQL 8.0.17+ SQL (JSON ->> in generated columns) that MariaDB refuses. */
    @Test
    void temporalMysql() throws Exception {
        LocalMariaDb.require();
        assertCleanReplay(lint(CorpusDirectories.temporal(temp, "schema/mysql/v8", "temporal"), new AtlasFormat(),
                LocalMariaDb.URL));
    }

    private static LintReport lint(MigrationDir dir, DirFormat format) throws Exception {
        return lint(dir, format, SERVICE);
    }

    private static LintReport lint(MigrationDir dir, DirFormat format, String devUrl) throws Exception {
        LintReport report = MigrateLint.run(new LintRequest(dir, format, new NewFiles.Latest(3), DevUrl.parse(devUrl),
                DevSettings.defaults(), Policy.DEFAULTS, Map.of()));
        Map<String, Long> perRule = new TreeMap<>(report.diagnostics().stream()
                .collect(Collectors.groupingBy(Diagnostic::code, Collectors.counting())));
        System.out.println("corpus " + dir.display() + " on " + report.devDatabase().replaceAll("sg_dev_\\w+", "sg_dev_…")
                + ": findings per rule " + perRule);
        return report;
    }

    private static void assertCleanReplay(LintReport report) {
        List<FileReport> added = report.files().stream().filter(FileReport::added).toList();
        assertEquals(3, added.size(), () -> "new files: " + added.stream().map(FileReport::name).toList());
        List<String> failures = new ArrayList<>();
        report.diagnostics().stream().filter(d -> d.code().equals("DI509") || d.code().equals("DI510"))
                .forEach(d -> failures.add(d.oneLine()));
        assertEquals(List.of(), failures, "replay failures");
        added.forEach(f -> assertNull(f.error(), f.name()));
        assertFalse(added.stream().allMatch(f -> f.changes().isEmpty()), "the last 3 files change the schema: " + added);
    }
}
