package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

class MarkdownReportTest {
    /** A cell delimiter: a pipe without a backslash before it (GFM never splits at {@code \|}). */
    private static final Pattern DELIMITER = Pattern.compile("(?<!\\\\)\\|");
    private static final Pattern LINK = Pattern.compile("\\*\\*\\[[^\\n]*?]\\(<([^>\\n]*)>\\)\\*\\*");

    private final LintReport report = SampleReports.hostile();
    private final String body = MarkdownReport.render(report);

    private static List<String> tableRows(String body) {
        return body.lines().dropWhile(l -> !l.startsWith("| File |")).skip(2).takeWhile(l -> l.startsWith("| ")).toList();
    }

    /** The body outside the marker comment and fenced code blocks: where Markdown and HTML would be interpreted. */
    private static String outsideFences(String body) {
        StringBuilder out = new StringBuilder();
        String fence = null;
        for (String line : body.substring(body.indexOf("-->\n") + 4).split("\n", -1)) {
            if (fence == null) {
                Matcher m = Pattern.compile("^(`{3,})").matcher(line);
                if (m.find()) {
                    fence = m.group(1);
                } else {
                    out.append(line).append('\n');
                }
            } else if (line.equals(fence)) {
                fence = null;
            }
        }
        assertEquals(null, fence, "every fence is closed");
        return out.toString();
    }

    @Test
    void markerComesFirstAndCannotBeEndedEarly() {
        assertTrue(body.startsWith(MarkdownReport.marker(report.dir()) + "\n"), body);
        String marker = MarkdownReport.marker(report.dir());
        assertEquals(marker.length() - 3, marker.indexOf("-->"), "the only --> is the marker's own end: " + marker);
        assertFalse(marker.contains("\n"));
        assertEquals("<!-- schemagate:a--%3E%0Ab%25 -->", MarkdownReport.marker("a-->\nb%"));
        assertEquals("<!-- schemagate:db/migrations -->", MarkdownReport.marker("db/migrations"));
    }

    @Test
    void statusLineHasVerdictCountsSelectionAndDatabase() {
        String status = body.lines().skip(2).findFirst().orElseThrow();
        assertTrue(status.startsWith("❌ **2 errors**, 2 warnings in 2 new files of db\\|"), status);
        assertTrue(status.contains("(the last file (--latest 2)); replayed on PostgreSQL &lt;b&gt;16&lt;/b&gt; \\| local."), status);
        String clean = MarkdownReport.render(new LintReport("m", "atlas", null, "s", List.of()));
        assertTrue(clean.contains("✅ **No errors**, 0 warnings in 0 new files of m (s)."), clean);
    }

    @Test
    void tableHasOneRowOfFiveCellsPerFileWhateverTheNames() {
        List<String> rows = tableRows(body);
        assertEquals(report.files().size(), rows.size(), body);
        for (String row : rows) {
            String[] cells = DELIMITER.split(row, -1);
            assertEquals(7, cells.length, "empty, five cells, empty: " + row);
        }
        assertTrue(rows.get(0).endsWith(" | yes | 2 | 1 | 1 |"), rows.get(0));
        assertTrue(rows.get(1).endsWith(" | yes | 0 | 0 | 0 |"), rows.get(1));
        assertTrue(rows.get(2).endsWith(" | no | 0 | 1 | 1 |"), rows.get(2));
    }

    @Test
    void userTextCannotInjectHtmlOrMarkdown() {
        String markdown = outsideFences(body);
        assertFalse(markdown.toLowerCase(Locale.ROOT).contains("<script"), markdown);
        assertFalse(markdown.contains("<img"), markdown);
        assertFalse(markdown.contains("<b>"), markdown);
        assertFalse(Pattern.compile("(?<!\\\\)]\\(http").matcher(markdown).find(), "no link from user text: " + markdown);
        assertFalse(Pattern.compile("(?<!\\\\)`").matcher(markdown).find(), "no unescaped backtick outside fences");
        assertFalse(markdown.contains("\u0000") || markdown.contains("\u001b"), "no control characters");
        assertFalse(markdown.contains("-->"), "only the marker ends a comment");
        // The one multi-line message stays on its line.
        assertTrue(markdown.contains("does not exist<br>&lt;script&gt;alert(1)&lt;/script&gt; --&gt; \\`rm -rf\\` \\*bold\\*"
                + " \\_it\\_ \\[link\\](http://evil) &lt;img src=x onerror=alert(1)&gt; &amp; 100% a,b:c<br>DETAIL: \\]\\]&gt;"),
                markdown);
    }

    @Test
    void findingsLinkTheirRuleDocAndShowFixes() {
        Matcher links = LINK.matcher(body);
        assertTrue(links.find(), body);
        assertEquals(RuleDocs.DEFAULT_BASE_URL + "DI509.md", links.group(1));
        assertTrue(body.contains("**[DI509 statement-failed](<" + RuleDocs.DEFAULT_BASE_URL + "DI509.md>)** · error · line 2: "), body);
        assertTrue(body.contains("**[XX999](<" + RuleDocs.DEFAULT_BASE_URL + "XX999.md>)** · warning · line 1: "), body);
        // The fix SQL has a run of four backticks, so its fence has five and holds the SQL unchanged.
        assertTrue(body.contains("Fix: Quote the \\| name &lt;b&gt;\n\n`````sql\n" + SampleReports.FIX_SQL + "`````\n"), body);
        assertTrue(body.contains("Fix: delete the file\n\n"), body);
        assertTrue(body.contains("Not replayed: not replayed: replay stopped at db\\|"), body);
        String custom = MarkdownReport.render(report, "https://docs.example.com/r/");
        assertTrue(custom.contains("(<https://docs.example.com/r/DI509.md>)"), custom);
        assertEquals(body, MarkdownReport.render(report), "deterministic");
    }

    @Test
    void longReportsAreTruncatedWithANote() {
        LintReport large = SampleReports.large(40, 100);
        String out = MarkdownReport.render(large);
        assertTrue(out.length() < 60_000, "length " + out.length());
        assertTrue(out.startsWith(MarkdownReport.marker("migrations") + "\n"));
        int shown = LINK.matcher(out).results().mapToInt(m -> 1).sum();
        assertTrue(shown > 100, "a useful number of findings is shown: " + shown);
        assertTrue(out.contains("> ⚠️ **Truncated** to stay under 60,000 characters: " + (4000 - shown) + " more findings not shown."),
                out.substring(out.length() - 500));
        assertEquals(40, tableRows(out).size(), "the table fits");
        outsideFences(out);
    }

    @Test
    void manyFilesTruncateTheTableToo() {
        String out = MarkdownReport.render(SampleReports.large(3000, 1));
        assertTrue(out.length() < 60_000, "length " + out.length());
        int rows = tableRows(out).size();
        assertTrue(rows > 100 && rows < 3000, "rows " + rows);
        int shown = LINK.matcher(out).results().mapToInt(m -> 1).sum();
        assertTrue(out.contains(": " + (3000 - shown) + " more findings and " + (3000 - rows) + " more files not shown."),
                out.substring(out.length() - 500));
    }

    @Test
    void aHugeFixLosesItsSqlBeforeTheFindingIsDropped() {
        LintReport huge = SampleReports.large(1, 1);
        Diagnostic d = huge.diagnostics().get(0);
        Fix fix = new Fix("rewrite", new Fix.TextEdit(1, 1, "SELECT 1;\n".repeat(10_000)));
        LintReport withHugeFix = new LintReport("m", "atlas", null, "s", List.of(new FileReport(d.file(), true, null, List.of(),
                List.of(new Diagnostic(d.code(), d.severity(), d.file(), d.position(), d.message(), List.of(fix))))));
        String out = MarkdownReport.render(withHugeFix);
        assertTrue(out.length() < 60_000);
        assertTrue(out.contains("Fix: rewrite (the replacement SQL is left out to keep this comment short)"), out);
        assertFalse(out.contains("Truncated"), out);
    }

    @Test
    void smallReportsAreNotTruncated() {
        assertFalse(body.contains("Truncated"), body);
    }
}
