package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.codes;
import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.hashedNames;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.names;
import static io.schemagate.core.migrate.Fixtures.onlySection;
import static io.schemagate.core.migrate.Fixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GooseFormatTest {
    private final GooseFormat goose = new GooseFormat();

    @TempDir
    Path root;

    private MigrationScript read(String content) throws Exception {
        MigrationDir d = dir(root, "1_test.sql", content);
        return Fixtures.read(goose, d, "1_test.sql", Dialect.POSTGRES);
    }

    @Test
    void filesRunInNumericOrderAndAllRootSqlIsHashed() throws Exception {
        MigrationDir d = dir(root,
                "20240101000000_c.sql", "-- +goose Up\nSELECT 3;",
                "10_b.sql", "-- +goose Up\nSELECT 2;",
                "2_a.sql", "-- +goose Up\nSELECT 1;");

        Listing listing = goose.list(d);

        assertEquals(List.of("2_a.sql", "10_b.sql", "20240101000000_c.sql"), names(listing));
        assertEquals(List.of("10_b.sql", "20240101000000_c.sql", "2_a.sql"), hashedNames(listing));
        assertEquals(List.of(), listing.diagnostics());
    }

    @Test
    void badNamesAndDuplicateVersions() throws Exception {
        MigrationDir d = dir(root,
                "1_a.sql", "-- +goose Up\nSELECT 1;",
                "01_b.sql", "-- +goose Up\nSELECT 1;",
                "init.sql", "-- +goose Up\nSELECT 1;");

        Listing listing = goose.list(d);

        assertEquals(List.of("01_b.sql", "1_a.sql"), names(listing));
        assertEquals(List.of("DI507 1_a.sql:1", "DI508 init.sql:1"), located(listing.diagnostics()).stream().sorted().toList());
    }

    @Test
    void onlyTheUpSectionRunsAndSqlMentioningAnnotationsIsKept() throws Exception {
        MigrationScript script = read("""
                -- +goose Up
                CREATE TABLE t(s text);
                UPDATE t SET s = 'Down';
                UPDATE t SET s = 'StatementEnd';

                -- +goose Down
                DROP TABLE t;
                """);

        Section up = onlySection(script);
        assertEquals("up", up.name());
        assertEquals(List.of("CREATE TABLE t(s text)", "UPDATE t SET s = 'Down'", "UPDATE t SET s = 'StatementEnd'"), texts(up));
        assertEquals(TxMode.FILE, up.txMode());
        assertEquals(List.of(), script.diagnostics());
    }

    @Test
    void aStatementMayEndInSemicolonAndAComment() throws Exception {
        MigrationScript script = read("""
                -- +goose Up
                CREATE TABLE a(c int); -- first table
                CREATE TABLE b(c int);
                """);

        assertEquals(List.of("CREATE TABLE a(c int)", "CREATE TABLE b(c int)"), texts(script));
    }

    @Test
    void statementBeginAndEndKeepABodyTogether() throws Exception {
        MigrationScript script = read("""
                -- +goose Up
                -- +goose StatementBegin
                CREATE FUNCTION touch() RETURNS trigger AS $$
                BEGIN
                  NEW.updated := now();
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                -- +goose StatementEnd

                -- +goose StatementBegin
                CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2));
                -- +goose StatementEnd
                CREATE TABLE after_blocks(c int);

                -- +goose Down
                DROP FUNCTION touch();
                """);

        List<String> texts = texts(script);
        assertEquals(3, texts.size(), () -> "statements: " + texts);
        assertTrue(texts.get(0).startsWith("CREATE FUNCTION touch()") && texts.get(0).endsWith("$$ LANGUAGE plpgsql"), texts.get(0));
        assertTrue(texts.get(1).startsWith("CREATE RULE r") && texts.get(1).contains("VALUES (2))"), texts.get(1));
        assertEquals("CREATE TABLE after_blocks(c int)", texts.get(2));
        assertEquals(List.of(3, 12, 14), script.statements().stream().map(s -> s.position().line()).toList());
    }

    @Test
    void noTransactionAnnotationTurnsTheTransactionOff() throws Exception {
        MigrationScript script = read("""
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE INDEX CONCURRENTLY i ON t(c);
                """);

        Section up = onlySection(script);
        assertEquals(TxMode.NONE, up.txMode());
        assertEquals(List.of("CREATE INDEX CONCURRENTLY i ON t(c)"), texts(up));
    }

    @Test
    void missingUpIsDI513Once() throws Exception {
        MigrationScript script = read("CREATE TABLE t(c int);\n-- +goose Down\nDROP TABLE t;\n");

        assertEquals(List.of(), script.statements());
        assertEquals(List.of("DI513"), codes(script.diagnostics()));
    }

    @Test
    void positionsReferToTheOriginalFile() throws Exception {
        String content = """
                -- +goose Up
                -- a comment

                CREATE TABLE a(c int);

                -- another comment
                ALTER TABLE a ADD d int;
                """;
        MigrationScript script = read(content);

        Statement alter = script.statements().get(1);
        assertEquals("ALTER TABLE a ADD d int", alter.text());
        assertEquals(7, alter.position().line());
        assertEquals(1, alter.position().column());
        assertEquals(content.indexOf("ALTER"), alter.position().offset());
    }

    @Test
    void nolintAboveAGooseStatementIsHonoured() throws Exception {
        MigrationScript script = read("""
                -- +goose Up
                CREATE TABLE keep(c int);
                -- atlas:nolint DS103
                ALTER TABLE t DROP COLUMN c;
                """);

        Statement drop = script.statements().get(1);
        assertEquals(List.of(List.of("DS103")), script.nolint(drop).stream().map(Directive::args).toList());
        assertEquals(List.of(), script.nolint(script.statements().get(0)));
    }
}
