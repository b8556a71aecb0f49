package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.codes;
import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.names;
import static io.schemagate.core.migrate.Fixtures.onlySection;
import static io.schemagate.core.migrate.Fixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbmateFormatTest {
    private final DbmateFormat dbmate = new DbmateFormat();

    @TempDir
    Path root;

    private MigrationScript read(String content) throws Exception {
        MigrationDir d = dir(root, "20240101000000_test.sql", content);
        return Fixtures.read(dbmate, d, "20240101000000_test.sql", Dialect.POSTGRES);
    }

    @Test
    void filesRunInNameOrder() throws Exception {
        MigrationDir d = dir(root,
                "20240102000000_second.sql", "-- migrate:up\nSELECT 2;",
                "20240101000000_first.sql", "-- migrate:up\nSELECT 1;");

        Listing listing = dbmate.list(d);

        assertEquals(List.of("20240101000000_first.sql", "20240102000000_second.sql"), names(listing));
        assertEquals(List.of("20240101000000", "20240102000000"), listing.files().stream().map(MigrationFile::version).toList());
        assertEquals(List.of("first", "second"), listing.files().stream().map(MigrationFile::description).toList());
        assertEquals(List.of(), listing.diagnostics());
    }

    @Test
    void namingProblems() throws Exception {
        MigrationDir d = dir(root,
                "1_a.sql", "-- migrate:up\nSELECT 1;",
                "10_b.sql", "-- migrate:up\nSELECT 1;",
                "2_c.sql", "-- migrate:up\nSELECT 1;",
                "2_d.sql", "-- migrate:up\nSELECT 1;",
                "schema.sql", "CREATE TABLE t(c int);");

        Listing listing = dbmate.list(d);

        assertEquals(List.of("10_b.sql", "1_a.sql", "2_c.sql", "2_d.sql"), names(listing));
        assertEquals(List.of("DI507 2_d.sql:1", "DI508 1_a.sql:1", "DI508 schema.sql:1"),
                located(listing.diagnostics()).stream().sorted().toList());
    }

    @Test
    void onlyTheUpSectionRunsAndSqlMentioningDownIsKept() throws Exception {
        MigrationScript script = read("""
                -- migrate:up
                CREATE TABLE t(s text);
                UPDATE t SET s = 'down';

                -- migrate:down
                DROP TABLE t;
                """);

        Section up = onlySection(script);
        assertEquals("up", up.name());
        assertEquals(List.of("CREATE TABLE t(s text)", "UPDATE t SET s = 'down'"), texts(up));
        assertEquals(TxMode.FILE, up.txMode());
        assertEquals(List.of(), script.diagnostics());
    }

    @Test
    void transactionFalseTurnsTheTransactionOffAndStillYieldsStatements() throws Exception {
        MigrationScript script = read("""
                -- migrate:up transaction:false
                CREATE INDEX CONCURRENTLY i ON t(c);

                -- migrate:down
                DROP INDEX CONCURRENTLY i;
                """);

        Section up = onlySection(script);
        assertEquals(TxMode.NONE, up.txMode());
        assertEquals(List.of("CREATE INDEX CONCURRENTLY i ON t(c)"), texts(up));
        assertEquals(List.of(), script.diagnostics());
    }

    @Test
    void missingUpIsDI513Once() throws Exception {
        MigrationScript script = read("CREATE TABLE t(c int);\n-- migrate:down\nDROP TABLE t;\n");

        assertEquals(List.of(), script.statements());
        assertEquals(List.of("DI513"), codes(script.diagnostics()));
    }

    @Test
    void positionsReferToTheOriginalFile() throws Exception {
        String content = "-- migrate:up\nCREATE TABLE a(c int);\n\n\nALTER TABLE a ADD d int;\n-- migrate:down\nDROP TABLE a;\n";
        MigrationScript script = read(content);

        Statement alter = script.statements().get(1);
        assertEquals(5, alter.position().line());
        assertEquals(content.indexOf("ALTER"), alter.position().offset());
    }
}
