package io.schemagate.core.review;

import static io.schemagate.core.review.LineComments.SuggestionSyntax.GITHUB;
import static io.schemagate.core.review.LineComments.SuggestionSyntax.GITLAB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.report.RuleDocs;
import io.schemagate.core.testing.ReportSamples;
import io.schemagate.core.text.Position;
import org.junit.jupiter.api.Test;
import java.util.List;

class LineCommentsTest {
    private static final String DOCS = RuleDocs.DEFAULT_BASE_URL;

    @Test
    void aPlacedFixBecomesASuggestionBlockAfterTheTaggedHeadline() {
        Diagnostic lock = ReportSamples.risky().diagnostics().get(0);
        LineComment comment = LineComments.of(new DiffPlacement.Placed(lock, ReportSamples.PATH, 0, 1,
                lock.fixes().get(0)), DOCS, GITHUB);

        assertEquals(new LineComment(ReportSamples.PATH, 0, 1, "PG508", comment.body()), comment);
        assertTrue(comment.body().startsWith("<!-- schemagate:finding PG508 -->\n**[PG508"), comment.body());
        assertTrue(comment.body().contains("Fix: Set a lock timeout first.\n\n```suggestion\nSET lock_timeout = '5s';\n"
                + "ALTER TABLE users ADD COLUMN age int;\n```\n"), comment.body());
        assertTrue(comment.sameAs(ReportSamples.PATH, 1, "edited by hand\n" + comment.body()));
        assertFalse(comment.sameAs(ReportSamples.PATH, 2, comment.body()));
    }

    @Test
    void withoutAPlacedSuggestionTheFixIsOnlyDescribed() {
        Diagnostic lock = ReportSamples.risky().diagnostics().get(0);
        LineComment comment = LineComments.of(new DiffPlacement.Placed(lock, ReportSamples.PATH, 0, 1, null), DOCS, GITHUB);
        assertTrue(comment.body().contains("Fix: Set a lock timeout first."));
        assertFalse(comment.body().contains("```suggestion"));
    }

    @Test
    void anEditThatDeletesLinesSuggestsAnEmptyBlock() {
        Fix delete = new Fix("Remove the statement.", new Fix.TextEdit(2, 3, ""));
        Diagnostic d = new Diagnostic("MF101", Severity.WARNING, ReportSamples.PATH, new Position(0, 2, 1), "m",
                List.of(delete));
        String body = LineComments.of(new DiffPlacement.Placed(d, ReportSamples.PATH, 2, 3, delete), DOCS, GITHUB).body();
        assertTrue(body.contains("```suggestion\n```\n"), body);
    }

    @Test
    void aSuggestionTooLongForGitHubIsDescribedInstead() {
        Fix huge = new Fix("Set a lock timeout first.", new Fix.TextEdit(1, 1, "-- x\n".repeat(20_000)));
        Diagnostic d = new Diagnostic("PG508", Severity.INFO, ReportSamples.PATH, new Position(0, 1, 1), "no lock_timeout",
                List.of(huge));
        LineComment comment = LineComments.of(new DiffPlacement.Placed(d, ReportSamples.PATH, 0, 1, huge), DOCS, GITHUB);
        assertFalse(comment.body().contains("```suggestion"));
        assertTrue(comment.body().length() < 1_000, comment.body().length() + " characters");
    }

    @Test
    void gitLabWidensAMultiLineSuggestionUpwardFromTheLineItSitsOn() {
        Fix replace = new Fix("Split the statement.", new Fix.TextEdit(2, 4, "SELECT 1;\n"));
        Diagnostic d = new Diagnostic("PG508", Severity.WARNING, ReportSamples.PATH, new Position(0, 2, 1), "m",
                List.of(replace));
        DiffPlacement.Placed placed = new DiffPlacement.Placed(d, ReportSamples.PATH, 2, 4, replace);
        assertTrue(LineComments.of(placed, DOCS, GITLAB).body().contains("```suggestion:-2+0\nSELECT 1;\n```\n"));
        assertTrue(LineComments.of(placed, DOCS, GITHUB).body().contains("```suggestion\nSELECT 1;\n```\n"));
        DiffPlacement.Placed oneLine = new DiffPlacement.Placed(d, ReportSamples.PATH, 0, 2, replace);
        assertTrue(LineComments.of(oneLine, DOCS, GITLAB).body().contains("```suggestion\nSELECT 1;\n```\n"));
    }

    @Test
    void aCommentsHiddenTagNamesItsFinding() {
        Diagnostic lock = ReportSamples.risky().diagnostics().get(0);
        LineComment comment = LineComments.of(new DiffPlacement.Placed(lock, ReportSamples.PATH, 0, 1, null), DOCS, GITLAB);
        assertEquals(java.util.Optional.of("PG508"), LineComment.taggedCode("note\n" + comment.body()));
        assertEquals(java.util.Optional.empty(), LineComment.taggedCode("a person's reply"));
        assertEquals(java.util.Optional.empty(), LineComment.taggedCode(null));
    }

    @Test
    void gitLabNeverGetsASuggestionHoldingAQuickActionLine() {
        Fix hostile = new Fix("Set a lock timeout first.",
                new Fix.TextEdit(1, 3, "SET lock_timeout = '5s';\nALTER TABLE t /*\n```\n  /merge\n*/ ADD c int;\n"));
        Diagnostic d = new Diagnostic("PG508", Severity.INFO, ReportSamples.PATH, new Position(0, 1, 1), "m",
                List.of(hostile));
        DiffPlacement.Placed placed = new DiffPlacement.Placed(d, ReportSamples.PATH, 1, 3, hostile);
        String gitlab = LineComments.of(placed, DOCS, GITLAB).body();
        assertFalse(gitlab.contains("suggestion"), gitlab);
        assertFalse(LineComments.QUICK_ACTION_LINE.matcher(gitlab).find(), gitlab);
        assertTrue(LineComments.of(placed, DOCS, GITHUB).body().contains("  /merge\n"), "GitHub has no quick actions");
    }

    @Test
    void gitLabGetsNoSuggestionReplacingMoreLinesThanItWidensOver() {
        // GitLab cuts suggestion:-N to -100: applied, a wider one would keep the lines above it.
        Fix widest = new Fix("Rewrite.", new Fix.TextEdit(1, 101, "SELECT 1;\n"));
        Fix wider = new Fix("Rewrite.", new Fix.TextEdit(1, 102, "SELECT 1;\n"));
        Diagnostic d = new Diagnostic("PG508", Severity.WARNING, ReportSamples.PATH, new Position(0, 1, 1), "m",
                List.of(widest));
        String ok = LineComments.of(new DiffPlacement.Placed(d, ReportSamples.PATH, 1, 101, widest), DOCS, GITLAB).body();
        assertTrue(ok.contains("```suggestion:-100+0\nSELECT 1;\n```\n"), ok);
        Diagnostic e = new Diagnostic("PG508", Severity.WARNING, ReportSamples.PATH, new Position(0, 1, 1), "m",
                List.of(wider));
        DiffPlacement.Placed placed = new DiffPlacement.Placed(e, ReportSamples.PATH, 1, 102, wider);
        String gitlab = LineComments.of(placed, DOCS, GITLAB).body();
        assertFalse(gitlab.contains("suggestion"), gitlab);
        assertTrue(gitlab.contains("Fix: Rewrite."), gitlab);
        assertTrue(LineComments.of(placed, DOCS, GITHUB).body().contains("```suggestion\nSELECT 1;\n```\n"));
    }
}
