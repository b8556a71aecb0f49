package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.corpus.CorpusDirectories;
import io.schemagate.core.corpus.KratosMigrations.Migration;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.testing.LocalMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MySQL/MariaDB and SQLite planners on Ory Kratos's history (shared/corpora/kratos), as Harbor is for PostgreSQL
 * in {@link CorpusPlanTest}: the directory is the first k migrations of a dialect's chain, the desired schema the
 * whole chain (a folder of its files, run in name order, which is version order), and the plan written into the
 * directory must reach it: a second diff is empty.
 */
class KratosPlanTest {
    /** MariaDB refuses these MySQL-8-only files (SOURCE.md); the chain is cut before the second, as in CorpusLintTest. */
    private static final Set<String> MARIADB_REFUSES = Set.of(
            "20200317160354000002_create_profile_request_forms.mysql.up.sql");
    private static final String MARIADB_END = "20260408000000000000";

    @TempDir
    Path temp;

    /** SQLite: many of Kratos's steps are table rebuilds; the plan makes the rest of them as its own rebuilds. */
    @ParameterizedTest(name = "first {0} files")
    @ValueSource(ints = {50, 300, 600})
    void sqlitePrefixReachesTheWholeHistory(int k) throws Exception {
        planWriteAndReplan(CorpusDirectories.kratos("sqlite3", Set.of(), null), k, "sqlite://plan?mode=memory");
    }

    @Test
    void mariaDbPrefixReachesTheWholeHistory() throws Exception {
        LocalMariaDb.require();
        planWriteAndReplan(CorpusDirectories.kratos("mysql", MARIADB_REFUSES, MARIADB_END), 150, LocalMariaDb.URL);
    }

    private void planWriteAndReplan(List<Migration> chain, int k, String devUrl) throws Exception {
        MigrationDir dir = CorpusDirectories.kratosAtlas(temp, "kratos-" + k, chain.subList(0, k));
        Path desired = Files.createDirectory(temp.resolve("kratos-desired"));
        for (Migration m : chain) {
            Files.copy(m.file(), desired.resolve(m.file().getFileName()));
        }
        DiffRequest request = new DiffRequest(dir, new AtlasFormat(), new DesiredSchema(desired), DevUrl.parse(devUrl),
                DevSettings.defaults(), PlanOptions.SAFE);

        DiffResult first = MigrateDiff.run(request, "next", PlanHarness.NOW);
        assertEquals(List.of(), first.residual(), () -> "the plan reaches the desired schema:\n" + PlanHarness.text(first)
                + "\nnotes: " + first.plan().notes());
        assertFalse(first.files().isEmpty(), "there was something to plan");
        PlanFiles.write(dir, new AtlasFormat(), first.files());

        DiffResult second = MigrateDiff.run(request, "next", PlanHarness.NOW);
        assertTrue(second.plan().isEmpty(), () -> "a second diff is empty, but planned:\n" + PlanHarness.text(second));
    }
}
