package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.atlasScript;
import static io.schemagate.core.migrate.Fixtures.codes;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.onlySection;
import static io.schemagate.core.migrate.Fixtures.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Statement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

class DirectivesTest {

    private static Diagnostic only(MigrationScript script) {
        assertEquals(1, script.diagnostics().size(), () -> "diagnostics: " + script.diagnostics());
        return script.diagnostics().get(0);
    }

    private static List<List<String>> nolintArgs(MigrationScript script, Statement statement) {
        return script.nolint(statement).stream().map(Directive::args).toList();
    }

    @Nested
    class Header {
        @Test
        void commentLinesFollowedByABlankLineAreTheHeader() {
            MigrationScript script = atlasScript("-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t(c);\n");

            assertEquals(TxMode.NONE, script.directives().txMode());
            assertEquals(TxMode.NONE, onlySection(script).txMode());
            assertEquals("-- atlas:txmode none".length(), script.directives().headerEnd());
            assertEquals(List.of(), script.diagnostics());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\r\n\r\n", "\n \t\n", "\r\n \r\n"})
        void blankLineMayHoldSpacesTabsAndACarriageReturn(String separator) {
            MigrationScript script = atlasScript("-- atlas:txmode none" + separator + "CREATE INDEX CONCURRENTLY i ON t(c);\n");

            assertEquals(TxMode.NONE, onlySection(script).txMode());
            assertEquals(List.of(), script.diagnostics());
        }

        @Test
        void withoutTheBlankLineTheCommentsBelongToTheFirstStatement() {
            MigrationScript script = atlasScript("-- atlas:txmode none\nCREATE INDEX CONCURRENTLY i ON t(c);\n");

            assertEquals(0, script.directives().headerEnd());
            assertNull(script.directives().txMode());
            assertEquals(TxMode.FILE, onlySection(script).txMode());
            Diagnostic d = only(script);
            assertEquals("DI511", d.code());
            assertEquals(Severity.ERROR, d.severity());
            assertEquals(1, d.position().line());
        }

        @Test
        void hashLinesCountAsHeaderLinesInMysql() {
            MigrationScript script = atlasScript("# atlas:txmode none\n\nCREATE TABLE t(c int);\n", Dialect.MYSQL);

            assertEquals(TxMode.NONE, script.directives().txMode());
            assertEquals(List.of("CREATE TABLE t(c int)"), texts(script));
        }

        @Test
        void aCommentsOnlyFileIsAllHeader() {
            MigrationScript script = atlasScript("-- atlas:txmode none\n-- nothing to run yet\n");

            assertEquals(TxMode.NONE, script.directives().txMode());
            assertEquals(List.of("DI513"), codes(script.diagnostics()));
        }

        @Test
        void theHeaderStartsAtByteZero() {
            MigrationScript script = atlasScript("\n-- atlas:txmode none\n\nCREATE TABLE t(c int);\n");

            assertNull(script.directives().txMode());
            assertEquals(List.of("DI511 1_test.sql:2"), located(script.diagnostics()));
        }

        @Test
        void checkpointIsReadFromTheHeaderOnly() {
            assertTrue(atlasScript("-- atlas:checkpoint v1\n\nCREATE TABLE t(c int);\n").directives().checkpoint());

            MigrationScript attached = atlasScript("SELECT 1;\n-- atlas:checkpoint\nCREATE TABLE t(c int);\n");
            assertFalse(attached.directives().checkpoint());
            assertEquals(List.of("DI511 1_test.sql:2"), located(attached.diagnostics()));
        }
    }

    @Nested
    class Txmode {
        @Test
        void twoTxmodesAreDI511AtTheSecond() {
            MigrationScript script = atlasScript("-- atlas:txmode none\n-- atlas:txmode file\n\nSELECT 1;\n");

            assertEquals(List.of("DI511 1_test.sql:2"), located(script.diagnostics()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"all", "nothing", "none file", ""})
        void onlyNoneAndFileAreFileValues(String value) {
            MigrationScript script = atlasScript("-- atlas:txmode " + value + "\n\nSELECT 1;\n");

            assertEquals("DI511", only(script).code());
            assertNull(script.directives().txMode());
            assertEquals(TxMode.FILE, onlySection(script).txMode());
        }

        @Test
        void aStatementAttachedTxmodeIsDI511() {
            MigrationScript script = atlasScript("SELECT 1;\n\n-- atlas:txmode none\nCREATE INDEX CONCURRENTLY i ON t(c);\n");

            assertEquals(List.of("DI511 1_test.sql:3"), located(script.diagnostics()));
            assertEquals(TxMode.FILE, onlySection(script).txMode());
        }
    }

    @Nested
    class UnknownAndNearMiss {
        @Test
        void unknownDirectiveIsDI511() {
            Diagnostic d = only(atlasScript("-- atlas:foo bar\n\nSELECT 1;\n"));

            assertEquals("DI511", d.code());
            assertEquals(Severity.ERROR, d.severity());
        }

        @ParameterizedTest
        @ValueSource(strings = {"-- atlas: nolint DS103", "-- atlas :txmode none", "-- atlas : nolint"})
        void nearMissIsADI511Warning(String line) {
            MigrationScript script = atlasScript(line + "\n\nALTER TABLE t DROP COLUMN c;\n");

            Diagnostic d = only(script);
            assertEquals("DI511", d.code());
            assertEquals(Severity.WARNING, d.severity());
            assertEquals(List.of(), script.directives().nolint());
            assertNull(script.directives().txMode());
        }

        @Test
        void commaSeparatedCodesAreADI511Warning() {
            Diagnostic d = only(atlasScript("-- atlas:nolint DS103,DS102\n\nALTER TABLE t DROP COLUMN c;\n"));

            assertEquals("DI511", d.code());
            assertEquals(Severity.WARNING, d.severity());
        }
    }

    @Nested
    class Nolint {
        @Test
        void fileLevelNolintWithCodesAndAnalyzerNames() {
            MigrationScript script = atlasScript("-- atlas:nolint DS103 data_depend\n\nALTER TABLE t DROP COLUMN c;\n");

            assertEquals(List.of(List.of("DS103", "data_depend")), script.directives().nolint().stream().map(Directive::args).toList());
            assertEquals(List.of(), script.diagnostics());
            assertEquals(List.of(), script.nolint(script.statements().get(0)), "header nolint is file-level, not statement-level");
        }

        @Test
        void bareNolintHasNoArguments() {
            MigrationScript script = atlasScript("-- atlas:nolint\n\nDROP TABLE t;\n");

            assertEquals(List.of(List.of()), script.directives().nolint().stream().map(Directive::args).toList());
            assertEquals(List.of(), script.diagnostics());
        }

        @Test
        void unknownCodeIsDI512() {
            Diagnostic d = only(atlasScript("-- atlas:nolint DS103 XX999\n\nALTER TABLE t DROP COLUMN c;\n"));

            assertEquals("DI512", d.code());
            assertEquals(Severity.WARNING, d.severity());
            assertTrue(d.message().contains("XX999"), d.message());
        }

        @Test
        void reasonAfterDoubleDashIsParsed() {
            MigrationScript script = atlasScript("""
                    -- atlas:nolint DS103 -- column unused since release 4.2, see TICKET-123

                    SELECT 1;
                    -- atlas:nolint -- dropping a scratch table
                    DROP TABLE scratch;
                    """);

            Directive file = script.directives().nolint().get(0);
            assertEquals(List.of("DS103"), file.args());
            assertEquals("column unused since release 4.2, see TICKET-123", file.reason());

            Directive statement = script.nolint(script.statements().get(1)).get(0);
            assertEquals(List.of(), statement.args());
            assertEquals("dropping a scratch table", statement.reason());
            assertEquals(4, statement.position().line());
            assertEquals(List.of(), script.diagnostics());
        }

        @Test
        void nolintWithoutReasonHasABlankReason() {
            MigrationScript script = atlasScript("-- atlas:nolint DS103\n\nSELECT 1;\n");

            assertEquals("", script.directives().nolint().get(0).reason());
        }

        /**
         * rules.md §6.3: Atlas reads the reason's words as rule names, so a reason naming an analyzer
         * ({@code destructive}) or a code silently widens the suppression in Atlas; "DI512 warns then".
         */
        @ParameterizedTest
        @ValueSource(strings = {"not destructive at all", "see DS102 too"})
        void reasonNamingARuleIsDI512(String reason) {
            MigrationScript script = atlasScript("-- atlas:nolint DS103 -- " + reason + "\n\nALTER TABLE t DROP COLUMN c;\n");

            assertEquals(List.of("DI512"), codes(script.diagnostics()));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "-- atlas:nolint DS103         | POSTGRES",
                "--atlas:nolint DS103          | POSTGRES",
                "/* atlas:nolint DS103 */      | POSTGRES",
                "# atlas:nolint DS103          | MYSQL",
                "#atlas:nolint DS103           | MYSQL",
                "/* atlas:nolint DS103 */      | MYSQL",
        })
        void statementLevelNolint(String comment, Dialect dialect) {
            MigrationScript script = atlasScript("CREATE TABLE keep(c int);\n" + comment.strip()
                    + "\nALTER TABLE t DROP COLUMN c;\nALTER TABLE t DROP COLUMN d;\n", dialect);

            List<Statement> statements = script.statements();
            assertEquals(3, statements.size(), () -> "statements: " + texts(script));
            assertEquals(List.of(), nolintArgs(script, statements.get(0)));
            assertEquals(List.of(List.of("DS103")), nolintArgs(script, statements.get(1)));
            assertEquals(List.of(), nolintArgs(script, statements.get(2)), "does not leak to the next statement");
            assertEquals(List.of(), script.diagnostics());
        }

        @Test
        void statementLevelUnknownCodeIsDI512AtTheComment() {
            MigrationScript script = atlasScript("SELECT 1;\n-- atlas:nolint BOGUS\nDROP TABLE t;\n");

            assertEquals(List.of("DI512 1_test.sql:2"), located(script.diagnostics()));
        }
    }

    @Nested
    class Delimiter {
        @Test
        void delimiterOnLineOneSplitsOnIt() {
            MigrationScript script = atlasScript("""
                    -- atlas:delimiter //
                    CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//
                    SELECT 3//
                    """, Dialect.MYSQL);

            assertEquals("//", script.directives().delimiter());
            assertEquals(List.of("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "SELECT 3"), texts(script));
            assertEquals(2, script.statements().get(0).position().line());
            assertEquals(List.of(), script.diagnostics());
        }

        @Test
        void escapedNewlinesSplitOnBlankLines() {
            MigrationScript script = atlasScript(
                    "-- atlas:delimiter \\n\\n\nCREATE TABLE a(c int);\nINSERT INTO a VALUES (1);\n\nCREATE TABLE b(c int);\n");

            assertEquals("\n\n", script.directives().delimiter());
            assertEquals(List.of("CREATE TABLE a(c int);\nINSERT INTO a VALUES (1);", "CREATE TABLE b(c int);"), texts(script));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT 1;\n-- atlas:delimiter //\nSELECT 2//\n",
                "-- first\n-- atlas:delimiter //\n\nSELECT 2//\n",
                "--atlas:delimiter //\nSELECT 2//\n",
        })
        void delimiterAnywhereButLineOneWithDashDashSpaceIsDI511(String content) {
            MigrationScript script = atlasScript(content);

            assertEquals("DI511", only(script).code());
            assertNull(script.directives().delimiter());
        }

        @ParameterizedTest
        @ValueSource(strings = {"-- atlas:delimiter\nSELECT 1;\n", "-- atlas:delimiter   \nSELECT 1;\n", "-- atlas:delimiter //"})
        void emptyDelimiterOrNoLineTwoIsDI511(String content) {
            MigrationScript script = atlasScript(content);

            assertTrue(codes(script.diagnostics()).contains("DI511"), () -> "diagnostics: " + script.diagnostics());
            assertNull(script.directives().delimiter());
        }
    }

    @Nested
    class SumIgnore {
        @Test
        void sumIgnoreOnLineOne() {
            MigrationScript script = atlasScript("-- atlas:sum ignore\nSELECT 1;\n");

            assertTrue(script.directives().sumIgnore());
            assertEquals(List.of(), script.diagnostics());
        }

        @Test
        void sumIgnoreOnLineThreeIsDI511() {
            MigrationScript script = atlasScript("-- one\n-- two\n-- atlas:sum ignore\n\nSELECT 1;\n");

            assertFalse(script.directives().sumIgnore());
            assertEquals(List.of("DI511 1_test.sql:3"), located(script.diagnostics()));
        }
    }

    /**
     * A txmode above the format's up marker with no blank line is neither header nor attached to a statement (it lies
     * outside every region the splitter sees); it is still "atlas:txmode outside the header" (rules.md §2.1, DI511).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "goose     | 1_a.sql | 1 | -- atlas:txmode none\\n-- +goose Up\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n",
            "dbmate    | 1_a.sql | 1 | -- atlas:txmode none\\n-- migrate:up\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n",
            "liquibase | a.sql   | 2 | --liquibase formatted sql\\n-- atlas:txmode none\\n--changeset a:1\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n",
    })
    void txmodeOutsideTheHeaderAndAboveTheUpMarkerIsDI511(String formatId, String name, int line, String escaped) {
        DirFormat format = DirFormat.byId(formatId).orElseThrow();
        MigrationFile file = MigrationFile.versioned(new MigrationDir(Path.of("."), "."), name, "1", "a",
                escaped.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));

        MigrationScript script = Fixtures.read(file, format, Dialect.POSTGRES);

        assertEquals(TxMode.FILE, onlySection(script).txMode());
        assertEquals(List.of("DI511 " + name + ":" + line), located(script.diagnostics()));
    }

    /** Directives work in every format (Atlas ignores nolint in goose, dbmate, flyway and golang-migrate files). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "atlas          | 1_a.sql    | -- atlas:txmode none\\n\\n-- atlas:nolint PG101\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n",
            "golang-migrate | 1_a.up.sql | -- atlas:txmode none\\n\\n-- atlas:nolint PG101\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n",
            "flyway         | V1__a.sql  | -- atlas:txmode none\\n\\n-- atlas:nolint PG101\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n",
            "goose          | 1_a.sql    | -- atlas:txmode none\\n\\n-- +goose Up\\n-- atlas:nolint PG101\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n-- +goose Down\\nDROP INDEX i;\\n",
            "dbmate         | 1_a.sql    | -- atlas:txmode none\\n\\n-- migrate:up\\n-- atlas:nolint PG101\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n-- migrate:down\\nDROP INDEX i;\\n",
            "liquibase      | a.sql      | --liquibase formatted sql\\n-- atlas:txmode none\\n\\n--changeset a:1\\n-- atlas:nolint PG101\\nCREATE INDEX CONCURRENTLY i ON t(c);\\n",
    })
    void directivesWorkInEveryFormat(String formatId, String name, String escaped) {
        DirFormat format = DirFormat.byId(formatId).orElseThrow();
        String content = escaped.replace("\\n", "\n");
        MigrationFile file = MigrationFile.versioned(new MigrationDir(Path.of("."), "."), name, "1", "a",
                content.getBytes(StandardCharsets.UTF_8));

        MigrationScript script = Fixtures.read(file, format, Dialect.POSTGRES);

        assertEquals(TxMode.NONE, script.directives().txMode());
        Section section = onlySection(script);
        assertEquals(TxMode.NONE, section.txMode());
        assertEquals(List.of("CREATE INDEX CONCURRENTLY i ON t(c)"), texts(section));
        assertEquals(List.of(List.of("PG101")), nolintArgs(script, section.statements().get(0)));
        assertEquals(List.of(), script.diagnostics());
    }
}
