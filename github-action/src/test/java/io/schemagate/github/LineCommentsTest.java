package io.schemagate.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.Fix;
import io.schemagate.core.lint.Severity;
import io.schemagate.core.report.RuleDocs;
import io.schemagate.core.text.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineCommentsTest {
    private static final String DOCS = RuleDocs.DEFAULT_BASE_URL;

    @Test
    void findingsOnChangedLinesBecomeCommentsAndFixesBecomeSuggestions() {
        Map<String, ChangedFile> files = Map.of(ReportSamples.PATH, ChangedFile.of(ReportSamples.PATH, "added", null));
        LineComments.Plan plan = LineComments.plan(ReportSamples.risky().diagnostics(), Optional::of, files, true, DOCS);

        assertEquals(0, plan.outsideDiff());
        assertEquals(2, plan.comments().size());
        LineComment lock = plan.comments().get(1); // most severe first: the DS103 error leads
        assertEquals(1, lock.line());
        assertEquals(0, lock.startLine());
        assertTrue(lock.body().startsWith("<!-- schemagate:finding PG508 -->\n"), lock.body());
        assertTrue(lock.body().contains("```suggestion\nSET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age int;\n```"),
                lock.body());
        LineComment drop = plan.comments().get(0);
        assertEquals(2, drop.line());
        assertTrue(drop.body().contains("DS103"), drop.body());
        assertFalse(drop.body().contains("```suggestion"), drop.body());
    }

    @Test
    void withoutSuggestionsTheFixIsOnlyDescribed() {
        Map<String, ChangedFile> files = Map.of(ReportSamples.PATH, ChangedFile.of(ReportSamples.PATH, "added", null));
        LineComments.Plan plan = LineComments.plan(ReportSamples.risky().diagnostics(), Optional::of, files, false, DOCS);
        assertTrue(plan.comments().get(1).body().contains("Fix: Set a lock timeout first."));
        assertFalse(plan.comments().get(1).body().contains("```suggestion"));
    }

    @Test
    void findingsOffTheDiffOrOutsideTheRepositoryStayInTheSummary() {
        // Only line 2 changed: the PG508 fix on line 1 cannot be suggested there.
        Map<String, ChangedFile> files = Map.of(ReportSamples.PATH,
                ChangedFile.of(ReportSamples.PATH, "modified", "@@ -1,1 +1,2 @@\n ALTER TABLE users ADD COLUMN age int;\n+ALTER TABLE users DROP COLUMN name;"));
        LineComments.Plan plan = LineComments.plan(ReportSamples.risky().diagnostics(), Optional::of, files, true, DOCS);
        assertEquals(1, plan.outsideDiff());
        assertEquals("DS103", plan.comments().get(0).code());

        LineComments.Plan outside = LineComments.plan(ReportSamples.risky().diagnostics(), f -> Optional.empty(), files,
                true, DOCS);
        assertEquals(2, outside.outsideDiff());
        assertTrue(outside.comments().isEmpty());
    }

    @Test
    void aMultiLineEditSpansItsLines() {
        var d = new Diagnostic("PG301", Severity.WARNING,
                ReportSamples.PATH, new Position(0, 3, 1), "Adding a constraint scans the table.",
                List.of(new Fix("Add it NOT VALID, then validate.",
                        new Fix.TextEdit(3, 4, "ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\n"))));
        Map<String, ChangedFile> files = Map.of(ReportSamples.PATH, ChangedFile.of(ReportSamples.PATH, "added", null));
        LineComment c = LineComments.plan(List.of(d), Optional::of, files, true, DOCS).comments().get(0);
        assertEquals(3, c.startLine());
        assertEquals(4, c.line());
        assertTrue(c.sameAs(ReportSamples.PATH, 4, "x\n" + c.body()));
        assertFalse(c.sameAs(ReportSamples.PATH, 3, c.body()));
    }

    @Test
    void pastTheLimitTheLeastSevereFindingsStayInTheSummary() {
        List<Diagnostic> many = new ArrayList<>();
        many.add(new Diagnostic("PG508", Severity.INFO, ReportSamples.PATH, new Position(0, 1, 1), "no lock_timeout"));
        for (int line = 1; line <= 60; line++) {
            many.add(new Diagnostic("DS103", Severity.ERROR, ReportSamples.PATH, new Position(0, line, 1), "drop " + line));
        }
        Map<String, ChangedFile> files = Map.of(ReportSamples.PATH, ChangedFile.of(ReportSamples.PATH, "added", null));
        LineComments.Plan plan = LineComments.plan(many, Optional::of, files, true, DOCS);
        assertEquals(LineComments.MAX_COMMENTS, plan.comments().size());
        assertEquals(11, plan.overLimit());
        assertTrue(plan.comments().stream().allMatch(c -> c.code().equals("DS103")));
    }

    @Test
    void aSuggestionTooLongForGitHubIsDescribedInstead() {
        Diagnostic huge = new Diagnostic("PG508", Severity.INFO, ReportSamples.PATH, new Position(0, 1, 1), "no lock_timeout",
                List.of(new Fix("Set a lock timeout first.", new Fix.TextEdit(1, 1, "-- x\n".repeat(20_000)))));
        Map<String, ChangedFile> files = Map.of(ReportSamples.PATH, ChangedFile.of(ReportSamples.PATH, "added", null));
        LineComment comment = LineComments.plan(List.of(huge), Optional::of, files, true, DOCS).comments().get(0);
        assertFalse(comment.body().contains("```suggestion"));
        assertTrue(comment.body().length() < 1_000, comment.body().length() + " characters");
    }
}
