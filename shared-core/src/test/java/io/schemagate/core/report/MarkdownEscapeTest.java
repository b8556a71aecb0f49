package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownEscapeTest {
    @Test
    void inlineEscapesPunctuationHtmlAndLineBreaks() {
        assertEquals("a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\\\ \\# \\~ \\$ \\!", MarkdownEscape.inline("a|b `c` *d* _e_ [f](g) \\ # ~ $ !"));
        assertEquals("&lt;script&gt;x&lt;/script&gt; &amp;amp;", MarkdownEscape.inline("<script>x</script> &amp;"));
        assertEquals("a<br>b<br>c<br>d e", MarkdownEscape.inline("a\r\nb\nc\rd\te\u0000\u001b\u0085"));
        assertEquals("\uD83D\uDE00\uD836\uDC00x", MarkdownEscape.inline("\uD83D\uDE00\uD836\uDC00\uD800x\uFFFE\uDC00"),
                "astral characters stay, lone surrogates and noncharacters go");
    }

    @Test
    void inlineKeepsMentionsFromNotifyingAnyone() {
        assertEquals("table @&#8203;all of @&#8203;acme/owners", MarkdownEscape.inline("table @all of @acme/owners"));
    }

    @Test
    void inlineCutsLongTextWithoutSplittingACharacter() {
        String cut = MarkdownEscape.inline("x".repeat(MarkdownEscape.MAX_INLINE - 2) + "\uD83D\uDE00".repeat(10));
        assertTrue(cut.endsWith("x…"), "the emoji's high surrogate is not kept alone: " + cut.substring(1990));
        assertEquals(MarkdownEscape.MAX_INLINE - 1, cut.length());
    }

    @Test
    void fenceIsLongerThanAnyBacktickRun() {
        assertEquals("```sql\nSELECT 1;\n```\n", MarkdownEscape.fence("SELECT 1;", "sql"));
        assertEquals("``````sql\n`````\n``````\n", MarkdownEscape.fence("`````\n", "sql"));
    }
}
