package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.codes;
import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.hashedNames;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.names;
import static io.schemagate.core.migrate.Fixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import java.nio.file.Path;
import java.util.List;

class LiquibaseFormatTest {
    private static final String HEADER = "--liquibase formatted sql\n\n";
    private static final String CHANGELOG = HEADER + """
            --changeset alice:1
            --comment: the first table
            CREATE TABLE t(c int);
            --rollback DROP TABLE t;

            --changeset bob:add-index
            CREATE INDEX i ON t(c);
            INSERT INTO t VALUES (1);
            --rollback DROP INDEX i;
            """;

    private final LiquibaseFormat liquibase = new LiquibaseFormat();

    @TempDir
    Path root;

    private MigrationScript read(String content, Dialect dialect) throws Exception {
        MigrationDir d = dir(root, "changelog.sql", content);
        return Fixtures.read(liquibase, d, "changelog.sql", dialect);
    }

    private MigrationScript read(String content) throws Exception {
        return read(content, Dialect.POSTGRES);
    }

    private static List<String> sectionNames(MigrationScript script) {
        return script.sections().stream().map(Section::name).toList();
    }

    @Test
    void filesNeedTheHeaderLine() throws Exception {
        MigrationDir d = dir(root,
                "002_more.sql", HEADER + "--changeset bob:2\nSELECT 2;\n",
                "001_init.sql", "-- liquibase formatted sql\n--changeset alice:1\nSELECT 1;\n",
                "000_plain.sql", "CREATE TABLE t(c int);\n");

        Listing listing = liquibase.list(d);

        assertEquals(List.of("001_init.sql", "002_more.sql"), names(listing));
        assertEquals(List.of("000_plain.sql", "001_init.sql", "002_more.sql"), hashedNames(listing));
        assertEquals(List.of("DI508 000_plain.sql:1"), located(listing.diagnostics()));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRES", "SQLITE"})
    void changesetsAreSectionsAndRollbackNeverRuns(Dialect dialect) throws Exception {
        MigrationScript script = read(CHANGELOG, dialect);

        assertEquals(List.of("alice:1", "bob:add-index"), sectionNames(script));
        assertEquals(List.of("CREATE TABLE t(c int)"), texts(script.sections().get(0)));
        assertEquals(List.of("CREATE INDEX i ON t(c)", "INSERT INTO t VALUES (1)"), texts(script.sections().get(1)));
        assertEquals(List.of(), script.diagnostics());
    }

    /**
     * In MySQL {@code --x} without a space is not a comment, but Liquibase consumes its own {@code --rollback} and
     * {@code --comment:} lines whatever the database: they must never run.
     */
    @Test
    void rollbackAndCommentLinesNeverRunInMysql() throws Exception {
        MigrationScript script = read(CHANGELOG, Dialect.MYSQL);

        assertEquals(List.of("CREATE TABLE t(c int)"), texts(script.sections().get(0)));
        assertEquals(List.of("CREATE INDEX i ON t(c)", "INSERT INTO t VALUES (1)"), texts(script.sections().get(1)));
    }

    @ParameterizedTest(name = "dbms:{0} on {1} runs: {2}")
    @CsvSource({
            "postgresql, POSTGRES, true",
            "postgresql, MYSQL, false",
            "mysql, MYSQL, true",
            "mysql, POSTGRES, false",
            "'h2,postgresql', POSTGRES, true",
            "!h2, POSTGRES, true",
            "!postgresql, POSTGRES, false",
            "!postgresql, MYSQL, true",
            "all, MYSQL, true",
            "none, POSTGRES, false",
    })
    void dbmsFiltersChangesets(String dbms, Dialect dialect, boolean runs) throws Exception {
        MigrationScript script = read(HEADER + """
                --changeset alice:1
                CREATE TABLE always(c int);

                --changeset alice:2 dbms:%s
                CREATE TABLE filtered(c int);
                """.formatted(dbms), dialect);

        assertEquals(runs ? List.of("alice:1", "alice:2") : List.of("alice:1"), sectionNames(script));
    }

    @Test
    void runInTransactionFalseIsPerChangeset() throws Exception {
        MigrationScript script = read(HEADER + """
                --changeset alice:1
                CREATE TABLE t(c int);

                --changeset alice:2 runInTransaction:false
                CREATE INDEX CONCURRENTLY i ON t(c);
                """);

        assertEquals(List.of(TxMode.FILE, TxMode.NONE), script.sections().stream().map(Section::txMode).toList());
    }

    @Test
    void splitStatementsFalseSendsTheChangesetAsOneStatement() throws Exception {
        MigrationScript script = read(HEADER + """
                --changeset alice:1 splitStatements:false
                INSERT INTO t VALUES (1);
                INSERT INTO t VALUES (2);
                """);

        List<Statement> statements = script.sections().get(0).statements();
        assertEquals(1, statements.size());
        assertEquals("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2)", statements.get(0).text());
        assertEquals(4, statements.get(0).position().line());
    }

    @Test
    void endDelimiterChangesSplitting() throws Exception {
        MigrationScript script = read(HEADER + """
                --changeset alice:1 endDelimiter:/
                CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END
                /
                CREATE TABLE t(c int)
                /
                """, Dialect.MYSQL);

        assertEquals(List.of("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "CREATE TABLE t(c int)"), texts(script));
    }

    @Test
    void duplicateChangesetIdIsDI507AtTheSecondOne() throws Exception {
        MigrationScript script = read(HEADER + """
                --changeset alice:1
                SELECT 1;
                --changeset alice:1
                SELECT 2;
                """);

        List<Diagnostic> d = script.diagnostics();
        assertEquals(List.of("DI507 changelog.sql:5"), located(d));
    }

    @Test
    void noChangesetIsDI513() throws Exception {
        MigrationScript script = read(HEADER + "CREATE TABLE t(c int);\n");

        assertEquals(List.of("DI513"), codes(script.diagnostics()));
        assertEquals(List.of(), script.statements());
    }

    @Test
    void positionsReferToTheOriginalFile() throws Exception {
        String content = HEADER + """
                --changeset alice:1
                CREATE TABLE t(c int);

                --changeset alice:2
                --comment: add a column
                ALTER TABLE t ADD d int;
                """;
        MigrationScript script = read(content);

        Statement alter = script.sections().get(1).statements().get(0);
        assertEquals("ALTER TABLE t ADD d int", alter.text());
        assertEquals(8, alter.position().line());
        assertEquals(content.indexOf("ALTER"), alter.position().offset());
    }
}
