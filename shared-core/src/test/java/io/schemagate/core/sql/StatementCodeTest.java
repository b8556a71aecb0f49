package io.schemagate.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What rules read of a statement when they look for keywords: code only, at the same offsets. */
class StatementCodeTest {
    @Test
    void commentsLiteralsAndQuotedNamesAreBlankedInPlace() {
        String text = "DROP INDEX /* CONCURRENTLY */ \"CONCURRENTLY\" -- NOT VALID\n WHERE a = 'x''y' AND b = E'\\'(' $$ ( $$";
        String keywords = StatementCode.keywords(text);
        assertEquals(text.length(), keywords.length());
        assertEquals(text.indexOf('\n'), keywords.indexOf('\n'), "line breaks stay");
        assertEquals("DROP INDEX WHERE a = AND b = E", squeeze(keywords), "the E of E'' is code, its string is not");
        assertEquals("UPDATE t SET \"Legacy\" = 0, note = WHERE id < 100",
                squeeze(StatementCode.withNames("UPDATE t SET \"Legacy\" = 0, note = ':(' /* ( */ WHERE id < 100")));
    }

    @Test
    void nestedCommentsDollarTagsParametersAndUnterminatedText() {
        assertEquals("SELECT 1", squeeze(StatementCode.keywords("SELECT /* a /* b */ c */ 1")));
        assertEquals("SELECT $1,", squeeze(StatementCode.keywords("SELECT $1, $f$ NOT VALID $f$")));
        assertEquals("SELECT", squeeze(StatementCode.keywords("SELECT 'open")), "an open literal runs to the end");
        assertEquals("SELECT name FROM t", squeeze(StatementCode.keywords("SELECT name'' FROM t")).replace("''", ""),
                "a quote after a name ending in e is no E'' string");
    }

    private static String squeeze(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
