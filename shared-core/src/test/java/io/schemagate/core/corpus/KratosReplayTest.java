package io.schemagate.core.corpus;

import io.schemagate.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.corpus.KratosMigrations.Migration;
import io.schemagate.core.corpus.ScratchDatabase.Applied;
import io.schemagate.core.corpus.ScratchDatabase.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ory Kratos's popx directory (see corpora/kratos/SOURCE.md): per dialect, the up migrations chosen and ordered by
 * the recipe there, replayed into a fresh database of the matching engine.
 */
class KratosReplayTest {
    /** Known MySQL-8-vs-MariaDB failures listed in SOURCE.md; they must fail, and nothing else may. */
    private static final Set<String> MARIADB_FAILURES = Set.of(
            "20200317160354000002_create_profile_request_forms.mysql.up.sql",
            "20260408000000000000_create_pending_traits_changes.mysql.up.sql");

    static Stream<Arguments> dialects() {
        // dialect, engine, then from SOURCE.md: versions that apply, non-empty files, .autocommit files, failures
        return Stream.of(
                Arguments.of("postgres", Engine.POSTGRES, 346, 325, 10, Set.of()),
                Arguments.of("mysql", Engine.MARIADB, 352, 325, 2, MARIADB_FAILURES),
                Arguments.of("sqlite3", Engine.SQLITE, 694, 538, 8, Set.of()));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dialects")
    void upMigrationsReplay(String dialect, Engine engine, int versions, int nonEmpty, int autocommit,
            Set<String> expectedFailures) throws Exception {
        Path corpus = SharedData.corpus("kratos");
        Path dir = corpus.resolve("persistence/sql/migrations/sql");
        List<Migration> plan = KratosMigrations.up(dir, dialect);
        assertEquals(versions, plan.size(), dialect + ": versions that apply (SOURCE.md)");
        assertEquals(autocommit, plan.stream().filter(Migration::autocommit).count(), dialect + ": .autocommit files");

        List<Path> replayed = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Set<String> failed = new TreeSet<>();
        int statements = 0;
        try (ScratchDatabase db = ScratchDatabase.create(engine)) {
            for (Migration m : plan) {
                String name = m.file().getFileName().toString();
                Applied applied = db.apply(m.file(), name, !m.autocommit());
                if (applied.statements() == 0 && applied.ok()) {
                    continue; // an empty placeholder: popx runs nothing
                }
                replayed.add(m.file());
                statements += applied.statements();
                if (!applied.ok()) {
                    failed.add(name);
                    if (!expectedFailures.contains(name)) {
                        unexpected.add(applied.failure().get());
                    }
                }
            }
            assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " unexpected failure(s) replaying kratos "
                    + dialect + " on " + engine.label + ":\n" + String.join("\n", unexpected));
            assertEquals(expectedFailures, failed, "files that fail on " + engine.label + " (SOURCE.md)");
            assertEquals(nonEmpty, replayed.size(), dialect + ": files with statements (SOURCE.md: non-empty)");
            if (engine == Engine.POSTGRES) {
                assertEquals(26, db.tableCount(), "tables after the PostgreSQL replay (SOURCE.md: 26)");
            }
            if (engine == Engine.SQLITE) {
                db.assertSameSchemaAsSqliteExec(replayed);
            }
        }
        System.out.printf("kratos %s on %s: %d versions, %d non-empty files, %d applied, %d statements, failed %s%n",
                dialect, engine.label, plan.size(), replayed.size(), replayed.size() - failed.size(), statements, failed);
    }
}
