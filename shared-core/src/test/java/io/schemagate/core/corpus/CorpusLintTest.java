package io.schemagate.core.corpus;

import io.schemagate.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every PostgreSQL corpus lints with its last 3 files new: base files replay, new files replay statement by statement
 * with inspection, and nothing fails or crashes.
 */
class CorpusLintTest {
    private static final String SERVICE = "postgres://postgres@127.0.0.1:5432/postgres";

    @TempDir
    Path temp;

    @Test
    void harbor() throws Exception {
        Path harbor = SharedData.corpus("harbor").resolve("make/migrations/postgresql");
        assertCleanReplay(lint(new MigrationDir(harbor, "harbor"), new GolangMigrateFormat()));
    }

    @Test
    void kratosPostgres() throws Exception {
        Path kratos = SharedData.corpus("kratos").resolve("persistence/sql/migrations/sql");
        Path dir = Files.createDirectory(temp.resolve("kratos"));
        for (KratosReplayTest.Migration m : KratosReplayTest.upMigrations(kratos, "postgres")) {
            // popx runs .autocommit files outside a transaction; versions exceed golang-migrate's uint64, so the copy
            // is an Atlas directory (20-digit versions sort the same as text) with the equivalent txmode header.
            String header = m.autocommit() ? "-- atlas:txmode none\n\n" : "";
            Files.writeString(dir.resolve(m.file().getFileName()), header + Files.readString(m.file()));
        }
        MigrationDir migrations = new MigrationDir(dir, "kratos");
        DirectoryHasher.hash(migrations, new AtlasFormat());
        assertCleanReplay(lint(migrations, new AtlasFormat()));
    }

    /** temporal-sql-tool runs files without a transaction, as the txmode header added to each copy says. */
    @ParameterizedTest
    @ValueSource(strings = {"temporal", "visibility"})
    void temporalPostgres(String database) throws Exception {
        Path versioned = SharedData.corpus("temporal").resolve("schema/postgresql/v12").resolve(database).resolve("versioned");
        Path dir = Files.createDirectory(temp.resolve(database));
        int n = 0;
        for (TemporalReplayTest.Version version : TemporalReplayTest.versions(versioned)) {
            for (Path file : TemporalReplayTest.manifestFiles(version)) {
                String name = String.format("%04d_v%d.%d_%s", ++n, version.major(), version.minor(), file.getFileName());
                Files.writeString(dir.resolve(name), "-- atlas:txmode none\n\n" + Files.readString(file));
            }
        }
        MigrationDir migrations = new MigrationDir(dir, database);
        DirectoryHasher.hash(migrations, new AtlasFormat());
        assertCleanReplay(lint(migrations, new AtlasFormat()));
    }

    private static LintReport lint(MigrationDir dir, DirFormat format) throws Exception {
        return MigrateLint.run(new LintRequest(dir, format, new NewFiles.Latest(3), DevUrl.parse(SERVICE),
                DevSettings.defaults(), Policy.DEFAULTS, Map.of()));
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
