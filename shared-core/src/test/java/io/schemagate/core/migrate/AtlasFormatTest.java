package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.hashedNames;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.names;
import static io.schemagate.core.migrate.Fixtures.onlySection;
import static io.schemagate.core.migrate.Fixtures.read;
import static io.schemagate.core.migrate.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

class AtlasFormatTest {
    private final AtlasFormat atlas = new AtlasFormat();

    @TempDir
    Path root;

    @Test
    void listsRootSqlFilesInByteOrderOfTheirNames() throws Exception {
        // U+FF61 is one UTF-16 unit above the surrogates, so String.compareTo puts the emoji first; UTF-8 bytes do not.
        String halfwidth = "a\uFF61.sql";
        String emoji = "a\uD83D\uDE00.sql";
        assertTrue(emoji.compareTo(halfwidth) < 0, "precondition: UTF-16 order differs from byte order");
        MigrationDir d = dir(root,
                emoji, "SELECT 5;",
                "20240102000000_b.sql", "SELECT 3;",
                halfwidth, "SELECT 4;",
                "Z.sql", "SELECT 2;",
                "20240101000000_a.sql", "SELECT 2;",
                ".dot.sql", "SELECT 1;",
                "notes.txt", "not sql",
                "sub/3_nested.sql", "SELECT 9;");

        Listing listing = atlas.list(d);

        List<String> expected = List.of(".dot.sql", "20240101000000_a.sql", "20240102000000_b.sql", "Z.sql", halfwidth, emoji);
        assertEquals(expected, names(listing));
        assertEquals(expected, hashedNames(listing));
    }

    @Test
    void versionIsTheNameUpToTheFirstUnderscore() throws Exception {
        MigrationDir d = dir(root,
                "20240101000000_create_users.sql", "SELECT 1;",
                "2.10.x-20_description.sql", "SELECT 1;",
                "3.sql", "SELECT 1;");

        List<MigrationFile> files = atlas.list(d).files();

        // byte order: '.' (0x2E) sorts before '0'
        assertEquals(List.of("2.10.x-20", "20240101000000", "3"), files.stream().map(MigrationFile::version).toList());
        assertEquals(List.of("description", "create_users", ""), files.stream().map(MigrationFile::description).toList());
        assertTrue(files.stream().allMatch(f -> f.kind() == FileKind.VERSIONED && f.txMode() == null));
    }

    @Test
    void duplicateVersionIsDI507OnTheLaterFile() throws Exception {
        MigrationDir d = new MigrationDir(root, "migrations");
        dir(root, "1_a.sql", "SELECT 1;", "1_b.sql", "SELECT 2;", "2_c.sql", "SELECT 3;");

        Listing listing = atlas.list(d);

        assertEquals(List.of("DI507 migrations/1_b.sql:1"), located(listing.diagnostics()));
        assertEquals(Severity.ERROR, listing.diagnostics().get(0).severity());
        assertEquals(List.of("1_a.sql", "1_b.sql", "2_c.sql"), names(listing));
    }

    @Test
    void numericVersionsOfUnequalWidthAreDI508() throws Exception {
        MigrationDir d = dir(root, "1_a.sql", "SELECT 1;", "10_b.sql", "SELECT 1;", "2_c.sql", "SELECT 1;");

        Listing listing = atlas.list(d);

        assertEquals(List.of("10_b.sql", "1_a.sql", "2_c.sql"), names(listing), "atlas runs them in byte order");
        assertEquals(List.of("DI508 1_a.sql:1"), located(listing.diagnostics()));
        assertEquals(Rule.DI508.defaultSeverity(), listing.diagnostics().get(0).severity());
    }

    @Test
    void paddedVersionsAreClean() throws Exception {
        MigrationDir d = dir(root, "01_a.sql", "SELECT 1;", "02_b.sql", "SELECT 1;", "10_c.sql", "SELECT 1;");

        assertEquals(List.of(), atlas.list(d).diagnostics());
    }

    /** A file sorting before the digits (a dot-name such as {@code .keep.sql}) must not switch the width check off. */
    @Test
    void widthCheckStillRunsWhenADotNameSortsFirst() throws Exception {
        MigrationDir d = dir(root, ".keep.sql", "SELECT 0;", "1_a.sql", "SELECT 1;", "10_b.sql", "SELECT 1;", "2_c.sql", "SELECT 1;");

        Listing listing = atlas.list(d);

        assertEquals(List.of(".keep.sql", "10_b.sql", "1_a.sql", "2_c.sql"), names(listing));
        assertEquals(List.of("DI508 1_a.sql:1"), located(listing.diagnostics()));
    }

    @Test
    void sumCoversEveryRootSqlFileWithItsBytes() throws Exception {
        MigrationDir d = dir(root,
                "1_a.up.sql", "CREATE TABLE t(c int);",
                "1_a.down.sql", "DROP TABLE t;",
                ".x.sql", "-- atlas:sum ignore\nSELECT 1;",
                "README.md", "# docs");

        Listing listing = atlas.list(d);

        assertEquals(List.of(".x.sql", "1_a.down.sql", "1_a.up.sql"), hashedNames(listing));
        assertArrayEquals("DROP TABLE t;".getBytes(StandardCharsets.UTF_8), listing.hashed().get(1).bytes());
        assertTrue(atlas.requiresSum());
    }

    @Test
    void wholeFileRunsInOneTransactionByDefault() throws Exception {
        MigrationDir d = dir(root, "1_a.sql", "CREATE TABLE t(c int);\nCREATE INDEX i ON t(c);\n");

        Section section = onlySection(read(atlas, d, "1_a.sql", Dialect.POSTGRES));

        assertEquals("file", section.name());
        assertEquals(TxMode.FILE, section.txMode());
        assertEquals(2, section.statements().size());
    }

    @Test
    void txmodeNoneInTheHeaderTurnsTheTransactionOff() throws Exception {
        write(root, "1_a.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t(c);\n");
        write(root, "2_b.sql", "-- atlas:txmode file\n\nCREATE INDEX i2 ON t(c);\n");
        MigrationDir d = new MigrationDir(root, ".");

        MigrationScript none = read(atlas, d, "1_a.sql", Dialect.POSTGRES);
        MigrationScript file = read(atlas, d, "2_b.sql", Dialect.POSTGRES);

        assertEquals(TxMode.NONE, none.directives().txMode());
        assertEquals(TxMode.NONE, onlySection(none).txMode());
        assertEquals(TxMode.FILE, onlySection(file).txMode());
        assertEquals(List.of(), none.diagnostics());
    }
}
