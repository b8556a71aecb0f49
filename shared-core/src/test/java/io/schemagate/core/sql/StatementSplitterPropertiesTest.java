package io.schemagate.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of {@link StatementSplitter} on generated SQL-ish text, for every dialect. */
class StatementSplitterPropertiesTest {

    // ---- any input: a faithful split, or an error at a real place ----

    @Property(tries = 2000)
    void splitCoversTheInputOrNamesAPlaceInIt(@ForAll("options") SplitOptions options, @ForAll("sqlish") String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        Split split;
        try {
            split = StatementSplitter.split(SourceText.decode(Splits.FILE, bytes), options);
        } catch (SourceException e) {
            Position at = e.position();
            assertTrue(at.offset() >= 0 && at.offset() <= bytes.length, () -> "error offset outside the input: " + at);
            assertTrue(at.offset() == bytes.length || !isContinuationByte(bytes[at.offset()]),
                    () -> "error offset inside a UTF-8 sequence: " + at);
            assertEquals(positionOfByte(bytes, at.offset()), at, () -> "line/column of the error " + e.getMessage());
            assertTrue(e.getMessage().startsWith(Splits.FILE + ":" + at.line() + ":" + at.column() + ": "), e.getMessage());
            return;
        }
        assertEquals(input, split.join(), "join() must give back the input");
        int pieceStart = 0;
        for (Statement s : split.statements()) {
            String text = s.text();
            assertFalse(text.isEmpty(), () -> "empty statement in " + split.statements());
            assertFalse(isSpace(text.charAt(0)) || isSpace(text.charAt(text.length() - 1)),
                    () -> "statement text with surrounding whitespace: [" + text + "]");
            assertEquals(text, input.substring(s.start(), s.end()), "text must be input[start, end)");
            assertEquals(pieceStart + s.leading().length(), s.start(), "statements in order, pieces adjacent");
            assertEquals(positionOfChar(input, s.start()), s.position(), () -> "position of [" + text + "]");
            assertEquals(positionOfChar(input, s.end() - 1).line(), s.endLine(), () -> "endLine of [" + text + "]");
            assertComments(input, s.comments(), pieceStart, s.start());
            pieceStart = s.end() + s.separator().length();
        }
        assertComments(input, split.trailingComments(), pieceStart, input.length());
    }

    private static void assertComments(String input, List<Comment> comments, int from, int to) {
        int previousEnd = from;
        for (Comment c : comments) {
            assertTrue(previousEnd <= c.start() && c.end() <= to, () -> "comment outside its leading part: " + c);
            assertEquals(c.text(), input.substring(c.start(), c.end()), "comment text must be input[start, end)");
            assertEquals(positionOfChar(input, c.start()), c.position(), () -> "position of comment " + c.text());
            previousEnd = c.end();
        }
    }

    @Provide
    Arbitrary<SplitOptions> options() {
        return Combinators.combine(
                        Arbitraries.of(Dialect.class),
                        Arbitraries.of(";", ";", ";", "//", "\n\n", "$$"),
                        Arbitraries.of(false, true))
                .as((dialect, delimiter, goose) -> {
                    SplitOptions options = SplitOptions.of(dialect).withDelimiter(delimiter);
                    return goose ? options.withGooseBlocks() : options;
                });
    }

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("SELECT", "CREATE", "TABLE", "TRIGGER", "PROCEDURE", "FUNCTION", "BEGIN",
                        "ATOMIC", "END", "CASE", "IF", "LOOP", "DELIMITER", "x", "a1", "a$b", "E", "e", "1", "(", ")",
                        ",", ".", "=", "é", "数据", "😀")),
                Tuple.of(8, Arbitraries.of(" ", " ", "\n", "\t", "\r\n", "\n\n", "\u00a0", "\u2028", "\uFEFF")),
                Tuple.of(4, Arbitraries.of(";", ";", ";;", "//", "$$")),
                Tuple.of(4, quoted()),
                Tuple.of(3, Arbitraries.of("-- c;\n", "--\n", "--x;", "# c;\n", "/* c; */", "/* a /* b; */ c */",
                        "/*!40101 x; */", "-- +goose StatementBegin\n", "-- +goose StatementEnd\n")),
                Tuple.of(2, Arbitraries.of("\nDELIMITER $$\n", "\nDELIMITER ;\n", "DELIMITER //\n", "delimiter ;;\n")),
                Tuple.of(2, Arbitraries.of("'", "\"", "`", "[", "]", "$", "$1", "$q$", "/*", "*/", "-", "\\", "E'")),
                Tuple.of(1, anyCodePoint()));
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> quoted() {
        Arbitrary<String> body = Arbitraries.of("a", " ", ";", "''", "\\'", "\\\\", "\\", "\"\"", "``", "$", "$$", "\n",
                "é", "😀", "--", "/*", "*/", "]").list().ofMaxSize(6).map(parts -> String.join("", parts));
        return Combinators.combine(Arbitraries.of("'%s'", "E'%s'", "\"%s\"", "`%s`", "[%s]", "$$%s$$", "$q$%s$q$"), body)
                .as(String::formatted);
    }

    private static Arbitrary<String> anyCodePoint() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
    }

    // ---- plain statements joined by ";" split back into exactly themselves ----

    /**
     * @param gaps whitespace or comments before, between and after the statements; after a last statement without
     *             delimiter only whitespace, as a comment there would belong to the statement
     */
    record Case(Dialect dialect, List<String> statements, List<String> gaps, boolean finalDelimiter) {
        String input() {
            StringBuilder sql = new StringBuilder(gaps.get(0));
            for (int i = 0; i < statements.size(); i++) {
                sql.append(statements.get(i));
                if (i < statements.size() - 1 || finalDelimiter) {
                    sql.append(';');
                }
                sql.append(gaps.get(i + 1));
            }
            return sql.toString();
        }
    }

    @Property(tries = 1000)
    void joinedStatementsSplitBackIntoThemselves(@ForAll("cases") Case c) throws SourceException {
        String input = c.input();
        Split split = Splits.split(c.dialect(), input);
        assertEquals(c.statements(), split.statements().stream().map(Statement::text).toList(), () -> "split of " + input);
        for (int i = 0; i < c.statements().size(); i++) {
            boolean last = i == c.statements().size() - 1;
            assertEquals(last && !c.finalDelimiter() ? "" : ";", split.statements().get(i).separator());
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(Dialect.class).flatMap(dialect -> Arbitraries.integers().between(1, 6).flatMap(n ->
                Combinators.combine(
                        statement(dialect).list().ofSize(n),
                        gap(dialect).list().ofSize(n + 1),
                        Arbitraries.of(true, false))
                        .as((statements, gaps, finalDelimiter) -> {
                            List<String> around = new ArrayList<>(gaps);
                            if (!finalDelimiter && !around.get(n).isBlank()) {
                                around.set(n, "\n");
                            }
                            return new Case(dialect, statements, around, finalDelimiter);
                        })));
    }

    private static Arbitrary<String> statement(Dialect dialect) {
        Arbitrary<String> head = Arbitraries.of("SELECT", "INSERT INTO t VALUES", "UPDATE t SET", "DELETE FROM", "VALUES");
        return Combinators.combine(head, token(dialect).list().ofMaxSize(6)).as((first, rest) -> {
            List<String> words = new ArrayList<>(List.of(first));
            words.addAll(rest);
            return String.join(" ", words);
        });
    }

    /** A token that never ends its statement; several hide a ";". */
    private static Arbitrary<String> token(Dialect dialect) {
        List<String> tokens = new ArrayList<>(List.of("x", "a1", "42", "(1, 2)", "é", "数据", "😀", "BEGIN", "END",
                "CASE", "IF", "END IF", "'a;b'", "'it''s;'", "/* ; */", "-- ;\nx", "''"));
        tokens.addAll(switch (dialect) {
            case POSTGRES -> List.of("\"id;\"", "$$ ; $$", "$body$ $$ ; $body$", "$1", "a$b", "E'\\';'", "'\\'",
                    "/* /* ; */ ; */", "`");
            case MYSQL -> List.of("`id;`", "\"a;b\"", "'\\';'", "\"\\\";\"", "# ;\nx", "5--1", "[", "$$");
            case SQLITE -> List.of("\"id;\"", "`id;`", "[id;]", "'\\'", "$$");
        });
        return Arbitraries.of(tokens);
    }

    private static Arbitrary<String> gap(Dialect dialect) {
        List<String> gaps = new ArrayList<>(List.of("", " ", "\n", "\n\n", "\t", " -- note;\n", "\n/* c; */\n"));
        if (dialect == Dialect.MYSQL) {
            gaps.add("\n# hash;\n");
        }
        return Arbitraries.of(gaps);
    }

    // ---- independent position arithmetic on the UTF-8 bytes ----

    private static Position positionOfChar(String input, int charIndex) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        return positionOfByte(bytes, input.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length);
    }

    /** Line = 1 + LF bytes before the offset; column = 1 + code points (non-continuation bytes) since the last LF. */
    private static Position positionOfByte(byte[] bytes, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if (!isContinuationByte(bytes[i])) {
                column++;
            }
        }
        return new Position(offset, line, column);
    }

    private static boolean isContinuationByte(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\uFEFF';
    }
}
