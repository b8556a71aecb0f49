package io.schemagate.core.corpus;

import io.schemagate.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.corpus.ScratchDatabase.Applied;
import io.schemagate.core.corpus.ScratchDatabase.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Harbor's golang-migrate directory (see corpora/harbor/SOURCE.md), replayed into a fresh PostgreSQL database. */
class HarborReplayTest {
    private static final Pattern UP_FILE = Pattern.compile("(\\d+)_.*\\.up\\.sql");

    @Test
    void everyMigrationAppliesOnPostgres() throws Exception {
        Path corpus = SharedData.corpus("harbor");
        List<Path> files = upFilesInVersionOrder(corpus.resolve("make/migrations/postgresql"));
        assertEquals(39, files.size(), "harbor .up.sql files (SOURCE.md: 39)");

        try (ScratchDatabase db = ScratchDatabase.create(Engine.POSTGRES)) {
            // golang-migrate creates its bookkeeping table before the first migration; 0030 and 0040 alter it.
            db.execute("CREATE TABLE IF NOT EXISTS schema_migrations"
                    + " (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
            int statements = 0;
            for (Path file : files) {
                Applied applied = db.apply(file, corpus.relativize(file).toString(), true);
                assertTrue(applied.ok(), () -> applied.failure().get());
                assertTrue(applied.statements() > 0, file + " split into no statements");
                statements += applied.statements();
            }
            assertEquals(49, db.tableCount(), "tables after the replay (SOURCE.md: 49, schema_migrations included)");
            System.out.printf("harbor on PostgreSQL: %d/%d files, %d statements%n", files.size(), files.size(), statements);
        }
    }

    private static List<Path> upFilesInVersionOrder(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> UP_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(HarborReplayTest::version))
                    .toList();
        }
    }

    private static long version(Path file) {
        Matcher m = UP_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Long.parseLong(m.group(1));
    }
}
