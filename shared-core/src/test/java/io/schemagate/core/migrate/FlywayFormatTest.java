package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.hashedNames;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.names;
import static io.schemagate.core.migrate.Fixtures.onlySection;
import static io.schemagate.core.migrate.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayFormatTest {
    private final FlywayFormat flyway = new FlywayFormat();

    @TempDir
    Path root;

    @Test
    void findsFilesRecursivelySkippingHiddenFolders() throws Exception {
        MigrationDir d = dir(root,
                "V1__init.sql", "CREATE TABLE a(c int);",
                "v3/V3_1__fourth_migration.sql", "CREATE TABLE b(c int);",
                "v2/nested/V2__second.sql", "CREATE TABLE c(c int);",
                ".hidden/V4__hidden.sql", "SELECT 1;",
                "v3/.git/V5__in_git.sql", "SELECT 1;",
                "notes.md", "not sql");

        Listing listing = flyway.list(d);

        assertEquals(List.of("V1__init.sql", "v2/nested/V2__second.sql", "v3/V3_1__fourth_migration.sql"), names(listing));
        assertEquals(List.of("1", "2", "3_1"), listing.files().stream().map(MigrationFile::version).toList());
        assertEquals("fourth migration", listing.files().get(2).description());
        assertEquals(List.of(), listing.diagnostics());
    }

    @Test
    void versionPartsCompareNumerically() throws Exception {
        MigrationDir d = dir(root,
                "V1.10__ten.sql", "SELECT 10;",
                "V1.9__nine.sql", "SELECT 9;",
                "V1_5__five.sql", "SELECT 5;",
                "V1.2__two.sql", "SELECT 2;",
                "V2__two.sql", "SELECT 20;");

        assertEquals(List.of("V1.2__two.sql", "V1_5__five.sql", "V1.9__nine.sql", "V1.10__ten.sql", "V2__two.sql"),
                names(flyway.list(d)));
    }

    @Test
    void equalVersionsWrittenDifferentlyAreDI507() throws Exception {
        MigrationDir d = dir(root, "V1__a.sql", "SELECT 1;", "V1.0__b.sql", "SELECT 2;", "V2__c.sql", "SELECT 3;");

        Listing listing = flyway.list(d);

        assertEquals(1, listing.diagnostics().size(), () -> "diagnostics: " + listing.diagnostics());
        assertEquals("DI507", listing.diagnostics().get(0).code());
    }

    @Test
    void highestBaselineThenHigherVersionsThenRepeatablesByDescription() throws Exception {
        MigrationDir d = dir(root,
                "V1__a.sql", "SELECT 1;",
                "V2__b.sql", "SELECT 2;",
                "V3__c.sql", "SELECT 3;",
                "B1__old_baseline.sql", "SELECT 'b1';",
                "B2__baseline.sql", "SELECT 'b2';",
                "R__z_view.sql", "SELECT 'z';",
                "sub/R__a_function.sql", "SELECT 'a';",
                "U3__undo_c.sql", "SELECT 'undo';");

        Listing listing = flyway.list(d);

        assertEquals(List.of("B2__baseline.sql", "V3__c.sql", "sub/R__a_function.sql", "R__z_view.sql"), names(listing));
        assertEquals(List.of(FileKind.BASELINE, FileKind.VERSIONED, FileKind.REPEATABLE, FileKind.REPEATABLE),
                listing.files().stream().map(MigrationFile::kind).toList());
        assertEquals(List.of("", ""), listing.files().subList(2, 4).stream().map(MigrationFile::version).toList());
        assertEquals(List.of(), listing.diagnostics());
    }

    @Test
    void baselinesCompareNumericallyNotAsText() throws Exception {
        MigrationDir d = dir(root,
                "B1.9__nine.sql", "SELECT 9;",
                "B1.10__ten.sql", "SELECT 10;",
                "V1.9.5__between.sql", "SELECT 95;",
                "V1.10.1__after.sql", "SELECT 101;");

        assertEquals(List.of("B1.10__ten.sql", "V1.10.1__after.sql"), names(flyway.list(d)));
    }

    @Test
    void undoScriptsNeverRun() throws Exception {
        MigrationDir d = dir(root, "V1__a.sql", "SELECT 1;", "U1__a.sql", "SELECT -1;");

        Listing listing = flyway.list(d);

        assertEquals(List.of("V1__a.sql"), names(listing));
        assertEquals(List.of("V1__a.sql"), hashedNames(listing));
    }

    @Test
    void confFileCanTurnTheTransactionOff() throws Exception {
        MigrationDir d = dir(root,
                "V1__index.sql", "CREATE INDEX CONCURRENTLY i ON t(c);",
                "V1__index.sql.conf", "# flyway script config\nexecuteInTransaction=false\n",
                "V2__table.sql", "CREATE TABLE t2(c int);",
                "V2__table.sql.conf", "executeInTransaction=true\n",
                "V3__plain.sql", "CREATE TABLE t3(c int);");

        Listing listing = flyway.list(d);

        assertEquals(List.of(TxMode.NONE, TxMode.FILE), listing.files().subList(0, 2).stream().map(MigrationFile::txMode).toList());
        assertEquals(TxMode.NONE, onlySection(read(flyway, d, "V1__index.sql", Dialect.POSTGRES)).txMode());
        assertEquals(TxMode.FILE, onlySection(read(flyway, d, "V2__table.sql", Dialect.POSTGRES)).txMode());
        assertEquals(TxMode.FILE, onlySection(read(flyway, d, "V3__plain.sql", Dialect.POSTGRES)).txMode());
    }

    @Test
    void badNamesAreDI508WithTheirRelativePath() throws Exception {
        MigrationDir d = new MigrationDir(root, "db/migration");
        dir(root,
                "V1__ok.sql", "SELECT 1;",
                "V2_single_underscore.sql", "SELECT 2;",
                "sub/create_tables.sql", "SELECT 3;",
                "Vx__letters.sql", "SELECT 4;");

        Listing listing = flyway.list(d);

        assertEquals(List.of("DI508 db/migration/V2_single_underscore.sql:1", "DI508 db/migration/Vx__letters.sql:1",
                        "DI508 db/migration/sub/create_tables.sql:1"),
                located(listing.diagnostics()).stream().sorted().toList());
    }

    @Test
    void atlasSumCoversTheRunListInRunOrder() throws Exception {
        MigrationDir d = dir(root,
                "V10__ten.sql", "SELECT 10;",
                "V9__nine.sql", "SELECT 9;",
                "R__view.sql", "SELECT 'r';",
                "a/V11__eleven.sql", "SELECT 11;",
                "U9__undo.sql", "SELECT -9;");

        Listing listing = flyway.list(d);
        DirectoryHasher.Result result = DirectoryHasher.hash(d, flyway);

        List<String> runOrder = List.of("V9__nine.sql", "V10__ten.sql", "a/V11__eleven.sql", "R__view.sql");
        assertEquals(runOrder, names(listing));
        assertEquals(runOrder, hashedNames(listing));
        assertEquals(runOrder, result.sum().entries().stream().map(SumEntry::name).toList());
        assertEquals(List.of(), DirectoryValidator.validate(d, flyway, Dialect.POSTGRES).diagnostics());
    }
}
