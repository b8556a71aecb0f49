package io.schemagate.core.sql;

import static io.schemagate.core.sql.Dialect.MYSQL;
import static io.schemagate.core.sql.Dialect.POSTGRES;
import static io.schemagate.core.sql.Dialect.SQLITE;
import static io.schemagate.core.sql.Splits.at;
import static io.schemagate.core.sql.Splits.error;
import static io.schemagate.core.sql.Splits.split;
import static io.schemagate.core.sql.Splits.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatementSplitterTest {

    @Nested
    class Quotes {
        @Test
        void postgresSingleAndDoubleQuotesHideDelimiters() throws SourceException {
            assertEquals(List.of("SELECT 'a;b', 'it''s; fine'", "SELECT \"x;y\", \"say \"\"hi\"\";\"", "SELECT 2"),
                    texts(POSTGRES, "SELECT 'a;b', 'it''s; fine'; SELECT \"x;y\", \"say \"\"hi\"\";\"; SELECT 2"));
        }

        @Test
        void backtickIsNoQuoteOnPostgres() throws SourceException {
            assertEquals(List.of("SELECT `a", "b`"), texts(POSTGRES, "SELECT `a;b`"));
        }

        @Test
        void mysqlQuotesAllowBackslashEscapes() throws SourceException {
            assertEquals(List.of("SELECT 'a\\';b', \"c\\\";d\", 'e\\\\'", "SELECT `x;y`, `p``q;`", "SELECT 2"),
                    texts(MYSQL, "SELECT 'a\\';b', \"c\\\";d\", 'e\\\\'; SELECT `x;y`, `p``q;`; SELECT 2"));
        }

        @Test
        void bracketIsNoQuoteOnMysql() throws SourceException {
            assertEquals(List.of("SELECT [a", "b]"), texts(MYSQL, "SELECT [a;b]"));
        }

        @Test
        void sqliteQuotesKeepBackslashLiteral() throws SourceException {
            assertEquals(List.of("SELECT 'a\\'", "SELECT \"x;y\", `p;q`, [r;s]", "SELECT 2"),
                    texts(SQLITE, "SELECT 'a\\'; SELECT \"x;y\", `p;q`, [r;s]; SELECT 2"));
        }

        @Test
        void postgresEscapeStringsTakeBackslashEscapes() throws SourceException {
            assertEquals(List.of("SELECT E'a\\';b'", "SELECT e'\\\\'", "SELECT 2"),
                    texts(POSTGRES, "SELECT E'a\\';b'; SELECT e'\\\\'; SELECT 2"));
        }

        @Test
        void postgresPlainStringsKeepBackslashLiteral() throws SourceException {
            assertEquals(List.of("SELECT 'a\\'", "SELECT 'b'"), texts(POSTGRES, "SELECT 'a\\'; SELECT 'b'"));
        }
    }

    @Nested
    class DollarQuotes {
        @Test
        void dollarBodiesHideDelimiters() throws SourceException {
            String function = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql";
            String tagged = "DO $body$ BEGIN PERFORM '$$'; PERFORM $$ ; $$; END $body$";
            assertEquals(List.of(function, tagged, "SELECT 3"),
                    texts(POSTGRES, function + ";\n" + tagged + ";\nSELECT 3;"));
        }

        @Test
        void parametersAndIdentifiersWithDollarOpenNoQuote() throws SourceException {
            assertEquals(List.of("PREPARE p AS SELECT $1, $2", "SELECT a$b$, a$b FROM t", "SELECT 3"),
                    texts(POSTGRES, "PREPARE p AS SELECT $1, $2; SELECT a$b$, a$b FROM t; SELECT 3"));
        }

        @ParameterizedTest
        @EnumSource(value = Dialect.class, names = {"MYSQL", "SQLITE"})
        void dollarIsNoQuoteOutsidePostgres(Dialect dialect) throws SourceException {
            assertEquals(List.of("SELECT $$a", "SELECT b$$"), texts(dialect, "SELECT $$a; SELECT b$$"));
        }
    }

    @Nested
    class Comments {
        @Test
        void lineCommentsHideDelimiters() throws SourceException {
            assertEquals(List.of("SELECT 1 -- a;b", "SELECT 2"), texts(POSTGRES, "SELECT 1 -- a;b\n; SELECT 2"));
            assertEquals(List.of("SELECT 1 # a;b", "SELECT 2 -- c;d"),
                    texts(MYSQL, "SELECT 1 # a;b\n; SELECT 2 -- c;d\n;"));
        }

        @Test
        void hashIsAnOperatorOnPostgres() throws SourceException {
            assertEquals(List.of("SELECT 1 # 2", "SELECT 3"), texts(POSTGRES, "SELECT 1 # 2; SELECT 3"));
        }

        @Test
        void mysqlDoubleDashNeedsSpaceOrControlCharacter() throws SourceException {
            assertEquals(List.of("SELECT 5--1", "SELECT 2"), texts(MYSQL, "SELECT 5--1; SELECT 2"));
            assertEquals(List.of("SELECT 5 --\tc; SELECT 2"), texts(MYSQL, "SELECT 5 --\tc; SELECT 2\n"));
            assertEquals(List.of("SELECT 5--1; SELECT 2"), texts(POSTGRES, "SELECT 5--1; SELECT 2"));
        }

        @Test
        void postgresBlockCommentsNest() throws SourceException {
            Split split = split(POSTGRES, "/* a /* b; */ c; */ SELECT 1; SELECT /* ; */ 2");
            assertEquals(List.of("SELECT 1", "SELECT /* ; */ 2"), split.statements().stream().map(Statement::text).toList());
            assertEquals("/* a /* b; */ c; */", split.statements().get(0).comments().get(0).text());
        }

        @ParameterizedTest
        @EnumSource(value = Dialect.class, names = {"MYSQL", "SQLITE"})
        void blockCommentsDoNotNestOnMysqlAndSqlite(Dialect dialect) throws SourceException {
            Split split = split(dialect, "/* a /* b */ SELECT 1; SELECT 2");
            assertEquals(List.of("SELECT 1", "SELECT 2"), split.statements().stream().map(Statement::text).toList());
            assertEquals("/* a /* b */", split.statements().get(0).comments().get(0).text());
            // The same text leaves a PostgreSQL comment open.
            assertEquals("1:1", at(error(POSTGRES, "/* a /* b */ SELECT 1; SELECT 2")));
        }

        @Test
        void leadingCommentsBelongToTheNextStatement() throws SourceException {
            Split split = split(POSTGRES, "-- first\n/* second */\nSELECT 1;\n-- about two\nSELECT 2;\n-- trailing\n");
            Statement first = split.statements().get(0);
            assertEquals(List.of("-- first", "/* second */"), first.comments().stream().map(Comment::text).toList());
            assertEquals("-- first\n/* second */\n", first.leading());
            assertEquals(new Position(9, 2, 1), first.comments().get(1).position());
            assertEquals(List.of("about two"), split.statements().get(1).comments().stream().map(Comment::body).toList());
            assertEquals(List.of("-- trailing"), split.trailingComments().stream().map(Comment::text).toList());
            assertEquals("\n-- trailing\n", split.trailing());
        }

        @Test
        void onlyCommentsGiveNoStatements() throws SourceException {
            Split split = split(POSTGRES, "-- nothing here\n/* at all; */\n");
            assertTrue(split.statements().isEmpty(), "statements of a comment-only file: " + split.statements());
            assertEquals(2, split.trailingComments().size());
        }
    }

    @Nested
    class Blocks {
        @Test
        void mysqlTriggerBodyKeepsItsSemicolons() throws SourceException {
            String trigger = """
                    CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW
                    BEGIN
                      IF NEW.a IS NULL THEN
                        SET NEW.a = CASE WHEN NEW.b > 0 THEN 1 ELSE 0 END;
                      END IF;
                      SET NEW.c = 1;
                    END""";
            assertEquals(List.of(trigger, "INSERT INTO t VALUES (1)"),
                    texts(MYSQL, trigger + ";\nINSERT INTO t VALUES (1);\n"));
        }

        @Test
        void mysqlProcedureWithLoopsAndCaseStatement() throws SourceException {
            String procedure = "CREATE PROCEDURE p() BEGIN WHILE x DO SELECT 1; END WHILE; REPEAT SELECT 2; UNTIL 1 END REPEAT;"
                    + " l: LOOP LEAVE l; END LOOP; CASE x WHEN 1 THEN SELECT 3; END CASE; BEGIN SELECT 4; END; END";
            assertEquals(List.of(procedure, "CALL p()"), texts(MYSQL, procedure + "; CALL p();"));
        }

        @Test
        void sqliteTriggerBodyKeepsItsSemicolons() throws SourceException {
            String trigger = """
                    CREATE TRIGGER trg AFTER UPDATE ON t
                    BEGIN
                      UPDATE u SET x = CASE WHEN new.a THEN 1 ELSE 2 END;
                      DELETE FROM v WHERE id = old.id;
                    END""";
            assertEquals(List.of(trigger, "SELECT 1"), texts(SQLITE, trigger + ";\nSELECT 1;"));
        }

        @Test
        void postgresBeginAtomicBody() throws SourceException {
            String function = """
                    CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql
                    BEGIN ATOMIC
                      INSERT INTO t VALUES (a);
                      SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
                    END""";
            assertEquals(List.of(function, "SELECT f(1)"), texts(POSTGRES, function + ";\nSELECT f(1);"));
        }

        @ParameterizedTest
        @EnumSource(Dialect.class)
        void transactionBeginIsAnOrdinaryStatement(Dialect dialect) throws SourceException {
            assertEquals(List.of("BEGIN", "CREATE TABLE t (a int)", "COMMIT"),
                    texts(dialect, "BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\n"));
        }

        @Test
        void beginWithoutEndIsAnError() {
            SourceException e = error(MYSQL, "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n");
            assertEquals("2:1", at(e), e.getMessage());
        }

        @Test
        void mysqlColumnNamedBeginInATableNamedEvent() throws SourceException {
            // MySQL runs both (BEGIN and EVENT are non-reserved words); EVENT marks the statement as a routine.
            assertEquals(List.of("CREATE TABLE event (id INT, begin DATETIME)", "SELECT 1"),
                    texts(MYSQL, "CREATE TABLE event (id INT, begin DATETIME); SELECT 1;"));
        }

        @Test
        void sqliteColumnsNamedTriggerAndBegin() throws SourceException {
            // sqlite3 runs both: TRIGGER and BEGIN fall back to identifiers.
            assertEquals(List.of("CREATE TABLE t (trigger INT, begin INT)", "SELECT 1"),
                    texts(SQLITE, "CREATE TABLE t (trigger INT, begin INT); SELECT 1;"));
        }

        @Test
        void sqliteTriggerBodyUsingAColumnNamedEnd() throws SourceException {
            // sqlite3 accepts this trigger and runs it; END is only a block end before ";" or after CASE.
            String trigger = "CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE y SET end = 1; END";
            assertEquals(List.of(trigger, "SELECT 1"), texts(SQLITE, trigger + "; SELECT 1"));
        }

        @Test
        void postgresRuleWithSeveralActionsInParentheses() throws SourceException {
            // psql keeps track of parentheses and sends this rule whole (checked with psql 15).
            String rule = "CREATE RULE r AS ON INSERT TO a DO ALSO (INSERT INTO b VALUES (1); INSERT INTO b VALUES (2))";
            assertEquals(List.of(rule, "SELECT 1"), texts(POSTGRES, rule + ";\nSELECT 1;"));
        }
        @Test
        void mysqlDefinerTriggerAndEmptyBlock() throws SourceException {
            String trigger = "CREATE DEFINER=`root`@`%` TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN END";
            assertEquals(List.of(trigger, "SELECT 1"), texts(MYSQL, trigger + ";\nSELECT 1;"));
        }

        @Test
        void beginInACreateWithoutAnObjectKind() throws SourceException {
            // Found by the property test: no TABLE/TRIGGER/… word before BEGIN used to crash the block check.
            assertEquals(List.of("CREATE begin", "SELECT 1"), texts(MYSQL, "CREATE begin; SELECT 1;"));
        }

        @Test
        void postgresUnclosedParenthesisIsAnError() {
            SourceException e = error(POSTGRES, "SELECT 1;\nCREATE TABLE t (a int;\nSELECT 2;\n");
            assertEquals("2:16", at(e), e.getMessage());
        }
    }

    @Nested
    class Delimiters {
        @Test
        void mysqlDelimiterCommands() throws SourceException {
            Split split = split(MYSQL, """
                    DELIMITER $$
                    CREATE PROCEDURE p() BEGIN SELECT 1; END $$
                    DELIMITER ;
                    SELECT 2;
                    """);
            assertEquals(List.of("CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"),
                    split.statements().stream().map(Statement::text).toList());
            assertEquals("DELIMITER $$\n", split.statements().get(0).leading());
            assertEquals(" $$", split.statements().get(0).separator());
            assertEquals("\nDELIMITER ;\n", split.statements().get(1).leading());
        }

        @Test
        void mysqlDelimiterDirectlyAfterPunctuation() throws SourceException {
            assertEquals(List.of("CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"),
                    texts(MYSQL, "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;\nSELECT 2;\n"));
        }

        /** The mysql client ends the statement at {@code $$} even glued to a word; {@code END$$} is the usual spelling. */
        @Test
        void mysqlDelimiterDirectlyAfterAWord() throws SourceException {
            assertEquals(List.of("CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"),
                    texts(MYSQL, "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\nSELECT 2;\n"));
        }

        @Test
        void customInitialDelimiterBlankLine() throws SourceException {
            SplitOptions options = SplitOptions.of(POSTGRES).withDelimiter("\n\n");
            assertEquals(List.of("SELECT 1;\nSELECT 2;", "SELECT 3"), texts(options, "SELECT 1;\nSELECT 2;\n\nSELECT 3"));
        }

        @Test
        void customInitialDelimiterDoubleSlash() throws SourceException {
            SplitOptions options = SplitOptions.of(MYSQL).withDelimiter("//");
            assertEquals(List.of("CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2; SELECT 3"),
                    texts(options, "CREATE PROCEDURE p() BEGIN SELECT 1; END //\nSELECT 2; SELECT 3//\n"));
        }

        @Test
        void strayDelimitersMakeNoStatements() throws SourceException {
            assertEquals(List.of("SELECT 1", "SELECT 2"), texts(MYSQL, ";;SELECT 1;;; SELECT 2;;"));
        }

        @Test
        void gooseBlocksKeepTheirSemicolons() throws SourceException {
            String sql = """
                    -- +goose Up
                    -- +goose StatementBegin
                    SELECT 1; SELECT 2;
                    -- +goose StatementEnd
                    SELECT 3;
                    """;
            assertEquals(List.of("SELECT 1; SELECT 2", "SELECT 3"), texts(SplitOptions.of(MYSQL).withGooseBlocks(), sql));
            assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"), texts(MYSQL, sql));
        }

        @Test
        void unclosedGooseBlockIsAnError() {
            SourceException e = error(SplitOptions.of(POSTGRES).withGooseBlocks(),
                    "SELECT 1;\n-- +goose StatementBegin\nSELECT 2;\n");
            assertEquals("2:1", at(e), e.getMessage());
        }

        /** A delimiter that starts inside the region but ends after it is not a delimiter of the region. */
        @Test
        void regionEndingInsideAMultiCharacterDelimiter() throws SourceException {
            SourceText source = SourceText.of(Splits.FILE, "SELECT 1//");
            Split split = StatementSplitter.split(source, 0, 9, SplitOptions.of(MYSQL).withDelimiter("//"));
            assertEquals("SELECT 1/", split.join(), "join() must give back the region [0, 9)");
        }
    }

    @Nested
    class Positions {
        @Test
        void positionsCountBytesLinesAndCodePoints() throws SourceException {
            Split split = split(POSTGRES, "-- héllo\nSELECT 1;\n  /* ü */ SELECT\n  2;");
            Statement first = split.statements().get(0);
            assertEquals(new Position(10, 2, 1), first.position(), "after a comment holding é (2 bytes)");
            assertEquals(2, first.endLine());
            Statement second = split.statements().get(1);
            assertEquals(new Position(31, 3, 11), second.position(), "after /* ü */ on the same line");
            assertEquals(4, second.endLine(), "the statement ends on the line of its last character");
            assertEquals(29, second.start(), "char index");
        }

        @Test
        void supplementaryCharactersAreOneColumnAndFourBytes() throws SourceException {
            Statement second = split(MYSQL, "SELECT '😀'; SELECT 2").statements().get(1);
            assertEquals(new Position(15, 1, 13), second.position());
            assertEquals(13, second.start(), "char index (the emoji is two Java chars)");
            assertEquals(21, second.end());
        }

        @Test
        void regionSplitKeepsFilePositions() throws SourceException {
            SourceText source = SourceText.of(Splits.FILE, "SELECT 0;\n-- part two\nSELECT 1;\nSELECT 2;");
            int from = source.text().indexOf("-- part two");
            Split split = StatementSplitter.split(source, from, source.length(), SplitOptions.of(POSTGRES));
            assertEquals(List.of("SELECT 1", "SELECT 2"), split.statements().stream().map(Statement::text).toList());
            assertEquals(new Position(22, 3, 1), split.statements().get(0).position());
            assertEquals(source.text().substring(from), split.join());
        }
    }

    @Nested
    class Errors {
        @Test
        void unterminatedString() {
            SourceException e = error(POSTGRES, "SELECT 1;\nSELECT 'abc;\n");
            assertEquals("2:8", at(e));
            assertTrue(e.getMessage().startsWith("test.sql:2:8: unterminated string"), e.getMessage());
        }

        @Test
        void unterminatedStringColumnCountsCodePoints() {
            assertEquals(new Position(17, 1, 14), error(MYSQL, "SELECT 'é😀', 'x").position(),
                    "é is 2 bytes, 😀 4 bytes and 2 Java chars, each one column");
        }

        @Test
        void unterminatedDollarQuote() {
            SourceException e = error(POSTGRES, "SELECT 1;\n  SELECT $fn$ abc $fn");
            assertEquals("2:10", at(e), e.getMessage());
            assertTrue(e.problem().contains("$fn$"), e.problem());
        }

        @Test
        void unterminatedBlockComment() {
            assertEquals("1:11", at(error(POSTGRES, "SELECT 1; /* abc; SELECT 2")));
            assertEquals("2:5", at(error(SQLITE, "SELECT 1;\nx + /* abc; SELECT 2")));
        }

        @Test
        void unterminatedQuotedIdentifiers() {
            assertEquals("1:8", at(error(POSTGRES, "SELECT \"abc; SELECT 2")));
            assertEquals("2:3", at(error(MYSQL, "SELECT 1;\nx `abc; SELECT 2")));
            assertEquals("1:8", at(error(SQLITE, "SELECT [abc; SELECT 2")));
            assertTrue(error(POSTGRES, "SELECT \"abc").problem().contains("quoted identifier"));
        }

        @Test
        void nonUtf8BytesAreRejectedWithLineAndColumn() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes("SELECT 1;\nSELECT 'é".getBytes(StandardCharsets.UTF_8));
            bytes.write(0xFF);
            bytes.writeBytes("';".getBytes(StandardCharsets.UTF_8));
            SourceException e = assertThrows(SourceException.class,
                    () -> SourceText.decode("bad.sql", bytes.toByteArray()));
            assertEquals(new Position(20, 2, 10), e.position());
            assertTrue(e.getMessage().startsWith("bad.sql:2:10: not valid UTF-8"), e.getMessage());
        }

        @Test
        void truncatedUtf8SequenceAtTheEndIsRejected() {
            byte[] bytes = {'a', '\n', 'b', (byte) 0xE2, (byte) 0x82};
            SourceException e = assertThrows(SourceException.class,
                    () -> SourceText.decode("bad.sql", bytes));
            assertEquals(new Position(3, 2, 2), e.position());
        }
    }
}
