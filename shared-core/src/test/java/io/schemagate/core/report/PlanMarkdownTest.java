package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diff.PlanReport;
import io.schemagate.core.policy.FailOn;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlanMarkdownTest {
    private static final String SQL = "ALTER TABLE public.users ADD COLUMN \"a````b\" text;\n-- ``` not the end\n";

    private static PlanReport plan(List<PlanReport.File> files, int statements, List<String> notes, List<String> undone,
            LintReport lint) {
        return new PlanReport("db/migrations", "file://db/schema.sql", files, statements, notes, undone, lint,
                lint == null ? null : FailOn.ERROR.verdict(lint.diagnostics()));
    }

    @Test
    void itsMarkerIsNotLints() {
        assertEquals("<!-- schemagate-plan:db/migrations -->", PlanMarkdown.marker("db/migrations"));
        assertEquals("<!-- schemagate-plan:a--%3E%0Ab -->", PlanMarkdown.marker("a-->\nb"));
        assertFalse(PlanMarkdown.marker("db").startsWith(MarkdownReport.marker("db").replace(" -->", "")));
    }

    @Test
    void theSqlIsFencedAsIsAndTheFindingsAreLints() {
        LintReport lint = SampleReports.hostile();
        String body = PlanMarkdown.render(plan(List.of(new PlanReport.File("db/migrations/20260101_plan.sql", SQL)), 1,
                List.of("public.users: name *dropped*"), List.of("add_trigger public.users.t"), lint));

        assertTrue(body.startsWith("<!-- schemagate-plan:db/migrations -->\n\n❌ **1 statement in 1 file** would bring"
                + " db/migrations to file://db/schema.sql; the gate **fails** (2 errors, 2 warnings, fail-on error)."
                + " 1 change left undone, below.\n"), body);
        assertTrue(body.contains("#### db/migrations/20260101\\_plan.sql\n\n`````sql\n" + SQL + "`````\n"), body);
        assertTrue(body.contains("### Notes\n\n- public.users: name \\*dropped\\*\n"), body);
        assertTrue(body.contains("### Left undone\n\n"), body);
        assertTrue(body.contains("- add\\_trigger public.users.t\n"), body);
        int lintAt = body.indexOf("### Lint\n");
        assertTrue(lintAt > body.indexOf("### Left undone"), body);
        // The findings as lint's comment renders them: one renderer.
        String lintBody = MarkdownReport.render(lint);
        String firstFinding = lintBody.substring(lintBody.indexOf("#### "), lintBody.indexOf("\n\n", lintBody.indexOf("**[")));
        assertTrue(body.substring(lintAt).contains(firstFinding), body);
    }

    @Test
    void inSyncIsAHeadlineOnly() {
        String body = PlanMarkdown.render(plan(List.of(), 0, List.of(), List.of(), null));
        assertEquals("<!-- schemagate-plan:db/migrations -->\n\n✅ **In sync**: db/migrations builds the desired schema"
                + " file://db/schema.sql; there is nothing to plan.\n\n", body);
        assertTrue(plan(List.of(), 0, List.of(), List.of(), null).inSync());
        PlanReport nothing = plan(List.of(), 0, List.of(), List.of("add_trigger public.users.t"), null);
        assertFalse(nothing.inSync());
        assertTrue(PlanMarkdown.render(nothing).contains("⚠️ **Nothing planned**"));
    }

    @Test
    void aHugePlanIsCutAtALineWithANoteAndTheFindingsKeepTheirShare() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; sql.length() < 200_000; i++) {
            sql.append("ALTER TABLE public.t ADD COLUMN c").append(i).append(" text;\n");
        }
        LintReport lint = SampleReports.large(2, 20);
        String body = PlanMarkdown.render(plan(List.of(new PlanReport.File("m/1_plan.sql", sql.toString()),
                new PlanReport.File("m/2_plan_online.sql", "CREATE INDEX CONCURRENTLY i ON t (c);\n")), 3000,
                List.of(), List.of(), lint));

        assertTrue(body.length() < MarkdownReport.MAX_CHARS, Integer.toString(body.length()));
        Matcher cut = Pattern.compile("\n\\*… ([0-9]+) more lines of this file not shown\\.\\*\n").matcher(body);
        assertTrue(cut.find(), body.substring(body.length() - 2000));
        assertTrue(body.contains("> ⚠️ **Truncated** to stay under 60,000 characters: " + cut.group(1)
                + " more lines of SQL, 1 more file not shown."), body.substring(body.length() - 500));
        assertFalse(body.contains("2_plan_online"));
        assertEquals(40, count(body, "**[DI509"), "every finding still shows");
        String fenced = body.substring(body.indexOf("```sql\n") + 7, body.indexOf("\n```\n"));
        assertTrue(fenced.endsWith(" text;"), "cut at a line: " + fenced.substring(fenced.length() - 50));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
