package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.hashedNames;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.names;
import static io.schemagate.core.migrate.Fixtures.onlySection;
import static io.schemagate.core.migrate.Fixtures.read;
import static io.schemagate.core.migrate.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.sql.Dialect;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GolangMigrateFormatTest {
    private final GolangMigrateFormat golang = new GolangMigrateFormat();

    @TempDir
    Path root;

    @Test
    void onlyUpFilesRunInNumericOrder() throws Exception {
        MigrationDir d = dir(root,
                "10_add_index.up.sql", "CREATE INDEX i ON t(c);",
                "10_add_index.down.sql", "DROP INDEX i;",
                "2_create.up.sql", "CREATE TABLE t(c int);",
                "2_create.down.sql", "DROP TABLE t;");

        Listing listing = golang.list(d);

        assertEquals(List.of("2_create.up.sql", "10_add_index.up.sql"), names(listing));
        assertEquals(List.of("2", "10"), listing.files().stream().map(MigrationFile::version).toList());
        assertEquals(List.of("create", "add_index"), listing.files().stream().map(MigrationFile::description).toList());
        assertEquals(List.of(), listing.diagnostics(), "an up/down pair is not a duplicate version");
    }

    @Test
    void sumCoversOnlyUpFilesInByteOrder() throws Exception {
        MigrationDir d = dir(root,
                "10_b.up.sql", "SELECT 10;",
                "10_b.down.sql", "SELECT -10;",
                "2_a.up.sql", "SELECT 2;",
                "2_a.down.sql", "SELECT -2;");

        assertEquals(List.of("10_b.up.sql", "2_a.up.sql"), hashedNames(golang.list(d)));
    }

    @Test
    void editingADownFileKeepsTheSumValid() throws Exception {
        MigrationDir d = dir(root, "1_a.up.sql", "CREATE TABLE t(c int);", "1_a.down.sql", "DROP TABLE t;");
        DirectoryHasher.hash(d, golang);

        write(root, "1_a.down.sql", "DROP TABLE IF EXISTS t;");
        Validation validation = DirectoryValidator.validate(d, golang, Dialect.POSTGRES);

        assertEquals(List.of(), validation.diagnostics());
        assertEquals(1, validation.files());
    }

    /**
     * rules.md §5 lists "golang-migrate: .down.sql never executed, validated or hashed" among the Atlas reader bugs
     * not to copy. Hashing is fixed by §4.1 (up files only); validation reads down files too.
     */
    @Test
    void validateReadsDownFilesToo() throws Exception {
        MigrationDir d = dir(root, "1_a.up.sql", "CREATE TABLE t(c int);", "1_a.down.sql", "DROP TABLE 't;\n");

        Validation validation = DirectoryValidator.validate(d, golang, Dialect.POSTGRES);

        assertEquals(List.of("DI515 1_a.down.sql:1"), located(validation.diagnostics()));
    }

    @Test
    void badNamesAreDI508AndDoNotRun() throws Exception {
        MigrationDir d = dir(root,
                "1_ok.up.sql", "SELECT 1;",
                "2_no_direction.sql", "SELECT 2;",
                "v3_letters.up.sql", "SELECT 3;",
                "4.up.sql", "SELECT 4;");

        Listing listing = golang.list(d);

        assertEquals(List.of("1_ok.up.sql"), names(listing));
        assertEquals(List.of("DI508 2_no_direction.sql:1", "DI508 4.up.sql:1", "DI508 v3_letters.up.sql:1"),
                located(listing.diagnostics()).stream().sorted().toList());
    }

    @Test
    void duplicateUpVersionIsDI507() throws Exception {
        MigrationDir d = dir(root, "1_a.up.sql", "SELECT 1;", "01_b.up.sql", "SELECT 2;", "2_c.up.sql", "SELECT 3;");

        Listing listing = golang.list(d);

        assertEquals(List.of("DI507 1_a.up.sql:1"), located(listing.diagnostics()));
    }

    @Test
    void versionsBeyondUint64AreDI508() throws Exception {
        MigrationDir d = dir(root,
                "18446744073709551615_max.up.sql", "SELECT 1;",
                "18446744073709551616_overflow.up.sql", "SELECT 2;");

        Listing listing = golang.list(d);

        assertEquals(List.of("18446744073709551615_max.up.sql"), names(listing));
        assertEquals(List.of("DI508 18446744073709551616_overflow.up.sql:1"), located(listing.diagnostics()));
    }

    @Test
    void theWholeUpFileRuns() throws Exception {
        MigrationDir d = dir(root, "1_a.up.sql", "CREATE TABLE t(c int);\n\nINSERT INTO t VALUES (1);\n");

        Section section = onlySection(read(golang, d, "1_a.up.sql", Dialect.POSTGRES));

        assertEquals(List.of("CREATE TABLE t(c int)", "INSERT INTO t VALUES (1)"), Fixtures.texts(section));
        assertEquals(3, section.statements().get(1).position().line());
        assertEquals(TxMode.FILE, section.txMode(), "a multi-statement file is one implicit transaction");
    }

    /**
     * rules.md §6.2: for golang-migrate "a single-statement file" is the equivalent of {@code atlas:txmode none}
     * (the PostgreSQL driver sends it as one simple query, so CONCURRENTLY works).
     */
    @Test
    void aSingleStatementFileRunsWithoutATransaction() throws Exception {
        MigrationDir d = dir(root, "1_idx.up.sql", "CREATE INDEX CONCURRENTLY i ON t(c);\n");

        Section section = onlySection(read(golang, d, "1_idx.up.sql", Dialect.POSTGRES));

        assertEquals(1, section.statements().size());
        assertEquals(TxMode.NONE, section.txMode());
    }
}
