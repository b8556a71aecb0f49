package io.schemagate.core.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.testing.LintHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations written to exhaust the runner through an in-memory SQLite dev database. */
class SqliteHostileSqlTest {
    @TempDir
    Path root;

    @Test
    @Disabled("SQLite memory is not capped: sqlite-jdbc is built with SQLITE_DEFAULT_MEMSTATUS=0, so PRAGMA"
            + " hard_heap_limit is inert, and max_page_count can be raised by the migration; 2 GB of zeroblobs (or"
            + " 20 GB, within the default 5 min timeout) go into the runner's memory")
    void aMigrationCannotFillTheRunnersMemory() throws Exception {
        LintHarness lint = new LintHarness(root, "sqlite://dev?mode=memory", "CREATE TABLE blobs (b BLOB);\n");
        List<String> codes = lint.codes("""
                -- atlas:txmode none

                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 4)
                INSERT INTO blobs SELECT zeroblob(500000000) FROM n;
                """);
        assertEquals(List.of("DI509 3"), codes);
    }
}
