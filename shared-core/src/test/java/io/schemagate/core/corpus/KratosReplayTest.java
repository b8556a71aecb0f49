package io.schemagate.core.corpus;

import io.schemagate.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.corpus.ScratchDatabase.Applied;
import io.schemagate.core.corpus.ScratchDatabase.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ory Kratos's popx directory (see corpora/kratos/SOURCE.md): per dialect, the up migrations chosen and ordered by
 * the recipe there, replayed into a fresh database of the matching engine.
 */
class KratosReplayTest {
    /** {@code {version}_{name}[.{dialect}][.autocommit].{up|down}.sql} */
    private static final Pattern FILE_NAME = Pattern.compile(
            "(\\d{20})_(.+?)(?:\\.(postgres|mysql|sqlite3|sqlite|cockroach))?(\\.autocommit)?\\.(up|down)\\.sql");

    /** Known MySQL-8-vs-MariaDB failures listed in SOURCE.md; they must fail, and nothing else may. */
    private static final Set<String> MARIADB_FAILURES = Set.of(
            "20200317160354000002_create_profile_request_forms.mysql.up.sql",
            "20260408000000000000_create_pending_traits_changes.mysql.up.sql");

    record Migration(String version, String dialect, boolean autocommit, boolean up, Path file) {
    }

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
        List<Migration> plan = upMigrations(dir, dialect);
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

    /** The recipe of SOURCE.md: per version the dialect's own file, else the generic one; ascending version. */
    static List<Migration> upMigrations(Path dir, String dialect) throws IOException {
        Map<String, Migration> specific = new TreeMap<>();
        Map<String, Migration> generic = new TreeMap<>();
        for (Migration m : parseAll(dir)) {
            if (!m.up()) {
                continue;
            }
            Map<String, Migration> target = m.dialect() == null ? generic : dialect.equals(m.dialect()) ? specific : null;
            if (target != null) {
                Migration clash = target.put(m.version(), m);
                assertTrue(clash == null, () -> "two up files for " + dialect + " version " + m.version());
            }
        }
        Map<String, Migration> chosen = new TreeMap<>(generic); // 20-digit versions: string order = numeric order
        chosen.putAll(specific); // a dialect's own file replaces the generic one
        return List.copyOf(chosen.values());
    }

    private static List<Migration> parseAll(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(file -> {
                Matcher m = FILE_NAME.matcher(file.getFileName().toString());
                assertTrue(m.matches(), () -> file + " does not follow the popx file-name grammar");
                String dialect = "sqlite".equals(m.group(3)) ? "sqlite3" : m.group(3);
                return new Migration(m.group(1), dialect, m.group(4) != null, "up".equals(m.group(5)), file);
            }).collect(Collectors.toList());
        }
    }
}
