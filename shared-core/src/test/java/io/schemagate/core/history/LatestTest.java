package io.schemagate.core.history;

import static io.schemagate.core.history.Histories.names;
import static io.schemagate.core.history.Histories.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --latest N}: no git, no base revision, so no history checks. */
class LatestTest {
    @TempDir
    Path dir;

    @BeforeEach
    void threeFiles() throws Exception {
        // Written out of order: run order comes from the format, not from the file system.
        Files.writeString(dir.resolve("3_c.sql"), "SELECT 3;\n");
        Files.writeString(dir.resolve("1_a.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve("2_b.sql"), "SELECT 2;\n");
    }

    @Test
    void lastOne() throws Exception {
        History history = resolve(dir, "migrations", new NewFiles.Latest(1), Map.of());

        assertEquals(List.of("1_a.sql", "2_b.sql"), names(history.base()));
        assertEquals(List.of("3_c.sql"), names(history.added()));
        assertEquals("the last file (--latest 1)", history.explanation());
        assertEquals(List.of(), history.diagnostics());
    }

    @Test
    void lastTwo() throws Exception {
        History history = resolve(dir, "migrations", new NewFiles.Latest(2), Map.of());

        assertEquals(List.of("1_a.sql"), names(history.base()));
        assertEquals(List.of("2_b.sql", "3_c.sql"), names(history.added()));
        assertEquals("the last 2 files (--latest 2)", history.explanation());
    }

    @Test
    void moreThanThereAreMeansAll() throws Exception {
        History history = resolve(dir, "migrations", new NewFiles.Latest(999), Map.of());

        assertEquals(List.of(), history.base());
        assertEquals(List.of("1_a.sql", "2_b.sql", "3_c.sql"), names(history.added()));
        assertEquals("all 3 files (--latest 999)", history.explanation());
    }

    @Test
    void displayPathsComeFromTheListing() throws Exception {
        History history = resolve(dir, "db/migrations", new NewFiles.Latest(1), Map.of());
        assertEquals("db/migrations/3_c.sql", history.added().get(0).displayPath());
    }

    @Test
    void anEmptyDirectoryHasNothingToLint(@TempDir Path empty) throws Exception {
        History history = resolve(empty, "empty", new NewFiles.Latest(2), Map.of());

        assertEquals(List.of(), history.base());
        assertEquals(List.of(), history.added());
        assertTrue(history.explanation().contains("no migration files"), history.explanation());
    }

    @Test
    void zeroIsBadInput() {
        HistoryException e = assertThrows(HistoryException.class,
                () -> resolve(dir, "migrations", new NewFiles.Latest(0), Map.of()));
        assertTrue(e.getMessage().contains("--latest needs a number of files of at least 1"), e.getMessage());
    }
}
