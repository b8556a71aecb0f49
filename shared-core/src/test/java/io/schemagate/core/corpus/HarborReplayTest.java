package io.schemagate.core.corpus;

import io.schemagate.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.corpus.ScratchDatabase.Applied;
import io.schemagate.core.corpus.ScratchDatabase.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Harbor's golang-migrate directory (see corpora/harbor/SOURCE.md), replayed into a fresh PostgreSQL database. */
class HarborReplayTest {
    @Test
    void everyMigrationAppliesOnPostgres() throws Exception {
        Path corpus = SharedData.corpus("harbor");
        List<Path> files = CorpusDirectories.harborUpFiles();
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
}
