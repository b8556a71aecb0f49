package io.schemagate.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.RuleDocs;
import io.schemagate.core.review.Publication;
import io.schemagate.core.testing.ReportSamples;
import io.schemagate.core.text.Position;
import io.schemagate.gitlab.testing.FakeGitLab.Access;
import io.schemagate.gitlab.testing.FakeGitLab.Request;
import io.schemagate.gitlab.testing.FakeGitLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The real GitLab4J client against {@link FakeGitLab}: exactly which requests a first run, a re-run and a clean run make. */
class MergeRequestPublisherTest {
    private static final String TOKEN = "glpat-schemagate-bot-0123";
    private static final String REPORTER_TOKEN = "glpat-reporter-4567";
    private static final String READ_TOKEN = "glpat-read-only-8901";
    private static final long BOT = 77;
    private static final long REVIEWER = 12;
    private static final long IID = 7;
    private static final String PROJECT = "42";
    private static final String BASE = "a".repeat(40);
    private static final String START = "b".repeat(40);
    private static final String HEAD = "c".repeat(40);
    private static final String MR = "/api/v4/projects/42/merge_requests/7";

    private FakeGitLab gitlab;

    @BeforeEach
    void start() {
        gitlab = FakeGitLab.start(PROJECT)
                .acceptToken(TOKEN, BOT, "schemagate-bot", Access.RESOLVE)
                .acceptToken(REPORTER_TOKEN, BOT, "schemagate-bot", Access.COMMENT)
                .acceptToken(READ_TOKEN, BOT, "schemagate-bot", Access.READ)
                .acceptToken("glpat-reviewer", REVIEWER, "reviewer", Access.RESOLVE)
                .mergeRequest(IID, BASE, START, HEAD)
                .diff(IID, ReportSamples.PATH, true, "@@ -0,0 +1,3 @@\n+ALTER TABLE users ADD COLUMN age int;\n"
                        + "+ALTER TABLE users DROP COLUMN name;\n+SELECT 1;\n")
                .diff(IID, "db/migrations/atlas.sum", false, "@@ -1,2 +1,3 @@\n-h1:old=\n+h1:new=\n 1_users.sql h1:x=\n"
                        + "+2_drop.sql h1:y=\n");
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    private Publication publish(String token, LintReport report) {
        return publisher(token, UnaryOperator.identity()).publish(report, Optional::of, true);
    }

    private MergeRequestPublisher publisher(String token, UnaryOperator<String> redact) {
        return new MergeRequestPublisher(new MergeRequestContext(gitlab.serverUrl(), PROJECT, IID), token,
                RuleDocs.DEFAULT_BASE_URL, Duration.ofSeconds(10), redact);
    }

    @Test
    void firstRunPostsTheNoteAndOneThreadPerFindingAtTheDiffRefs() {
        Publication publication = publish(TOKEN, ReportSamples.risky());

        assertEquals(List.of("GET " + MR, "GET /api/v4/user", "GET " + MR + "/notes", "POST " + MR + "/notes",
                "GET " + MR + "/diffs", "GET " + MR + "/discussions", "POST " + MR + "/discussions",
                "POST " + MR + "/discussions"), gitlab.requestLines());
        assertEquals(List.of(), publication.warnings());
        assertEquals(2, publication.posted());
        assertEquals(0, publication.alreadyPosted());
        List<FakeGitLab.Note> notes = gitlab.notes(IID);
        assertTrue(notes.get(0).body().startsWith(MarkdownReport.marker(ReportSamples.DIR)), notes.get(0).body());
        assertEquals(gitlab.serverUrl() + "/acme/shop/-/merge_requests/7#note_" + notes.get(0).id(),
                publication.summaryUrl());

        Request drop = gitlab.requests().get(6); // the error comes first
        Map<String, String> form = drop.form();
        assertEquals(BASE, form.get("position[base_sha]"));
        assertEquals(START, form.get("position[start_sha]"));
        assertEquals(HEAD, form.get("position[head_sha]"));
        assertEquals("text", form.get("position[position_type]"));
        assertEquals(ReportSamples.PATH, form.get("position[new_path]"));
        assertEquals("2", form.get("position[new_line]"));
        assertTrue(form.get("body").startsWith("<!-- schemagate:finding DS103 -->\n"), form.get("body"));
        String lock = gitlab.requests().get(7).form().get("body");
        assertTrue(lock.contains("```suggestion\nSET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age int;\n```"),
                lock);
        assertEquals(2, gitlab.threads(IID).size());
    }

    @Test
    void aReRunFindsItsNoteAmongOthersOnALaterPageAndRepeatsNoThread() {
        publish(TOKEN, ReportSamples.risky());
        for (int i = 0; i < 4; i++) { // newest first: 11 notes, and the summary is the oldest, on page 6 of 2-item pages
            gitlab.addNote(IID, 1, "added 1 commit\n\n* " + i, true);
            gitlab.addNote(IID, REVIEWER, "looks risky " + i, false);
        }
        long summary = gitlab.notes(IID).get(0).id();
        gitlab.clearRequests();

        Publication again = publish(TOKEN, ReportSamples.risky());

        List<String> expected = new ArrayList<>(List.of("GET " + MR, "GET /api/v4/user"));
        expected.addAll(Collections.nCopies(6, "GET " + MR + "/notes"));
        expected.addAll(List.of("PUT " + MR + "/notes/" + summary, "GET " + MR + "/diffs"));
        expected.addAll(Collections.nCopies(6, "GET " + MR + "/discussions"));
        assertEquals(expected, gitlab.requestLines());
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), gitlab.requests().subList(2, 8).stream()
                .map(r -> r.query().get("page")).toList());
        assertTrue(gitlab.requests().get(8).form().get("body").startsWith(MarkdownReport.marker(ReportSamples.DIR)));
        assertEquals(0, again.posted());
        assertEquals(2, again.alreadyPosted());
        assertEquals(0, again.resolved());
        assertEquals(2, gitlab.threads(IID).size());
        assertEquals(List.of(), again.warnings());
    }

    @Test
    void withoutTotalsAsPast10000ItemsEveryPageIsStillRead() {
        gitlab.withoutTotals();
        publish(TOKEN, ReportSamples.risky());
        for (int i = 0; i < 3; i++) {
            gitlab.addNote(IID, REVIEWER, "looks risky " + i, false);
            gitlab.addThread(IID, REVIEWER, ReportSamples.PATH, 1, "why? " + i);
        }
        long summary = gitlab.notes(IID).get(0).id();
        gitlab.clearRequests();

        Publication again = publish(TOKEN, ReportSamples.risky());

        assertEquals(List.of(), again.warnings());
        assertTrue(gitlab.requestLines().contains("PUT " + MR + "/notes/" + summary), gitlab.requestLines().toString());
        assertEquals(5, gitlab.requestLines().stream().filter(l -> l.equals("GET " + MR + "/discussions")).count());
        assertEquals(2, again.alreadyPosted());
        assertEquals(0, again.posted());
    }

    @Test
    void aCleanRunSaysSoInTheNoteAndResolvesTheThreadsOfGoneFindings() {
        publish(TOKEN, ReportSamples.risky());
        long summary = gitlab.notes(IID).get(0).id();
        gitlab.clearRequests();

        Publication clean = publish(TOKEN, ReportSamples.clean());

        List<String> lines = gitlab.requestLines();
        assertEquals(List.of("GET " + MR, "GET /api/v4/user", "GET " + MR + "/notes", "GET " + MR + "/notes",
                "PUT " + MR + "/notes/" + summary, "GET " + MR + "/diffs", "GET " + MR + "/discussions",
                "GET " + MR + "/discussions"), lines.subList(0, 8));
        assertEquals(List.of("PUT", "PUT"), gitlab.requests().subList(8, 10).stream().map(Request::method).toList());
        assertTrue(gitlab.requests().subList(8, 10).stream().allMatch(r -> "true".equals(r.form().get("resolved"))
                && r.path().startsWith(MR + "/discussions/")));
        assertEquals(10, lines.size());
        assertEquals(2, clean.resolved());
        assertTrue(gitlab.notes(IID).get(0).body().contains("✅ **No errors**"), gitlab.notes(IID).get(0).body());
        assertTrue(gitlab.threads(IID).stream().allMatch(FakeGitLab.Note::resolved));

        gitlab.clearRequests();
        Publication again = publish(TOKEN, ReportSamples.clean());
        assertEquals(0, again.resolved());
        assertTrue(gitlab.requestLines().stream().noneMatch(l -> l.startsWith("PUT " + MR + "/discussions")));
    }

    @Test
    void threadsOnAnotherDirectorysFilesAreLeftToThatDirectorysJob() {
        String other = gitlab.addThread(IID, BOT, "db/analytics/3_views.sql", 1,
                "<!-- schemagate:finding DS103 -->\nanother directory's finding");
        String sibling = gitlab.addThread(IID, BOT, "db/migrations-old/1.sql", 1,
                "<!-- schemagate:finding DS103 -->\na directory whose name starts the same");

        Publication clean = publish(TOKEN, ReportSamples.clean());

        assertEquals(0, clean.resolved());
        assertTrue(gitlab.requestLines().stream().noneMatch(l -> l.startsWith("PUT " + MR + "/discussions/")
                || l.startsWith("POST " + MR + "/discussions/")), gitlab.requestLines().toString());
        assertTrue(gitlab.threads(IID).stream().noneMatch(FakeGitLab.Note::resolved), other + " " + sibling);
    }

    @Test
    void aTokenThatMayNotResolveAnswersAGoneFindingOnce() {
        publish(TOKEN, ReportSamples.risky());
        gitlab.clearRequests();

        Publication clean = publish(REPORTER_TOKEN, ReportSamples.clean());

        assertEquals(2, clean.resolved());
        assertEquals(List.of(), clean.warnings());
        long replies = gitlab.requestLines().stream().filter(l -> l.matches("POST " + MR + "/discussions/[0-9a-f]+/notes"))
                .count();
        assertEquals(2, replies);
        assertTrue(gitlab.notes(IID).stream().anyMatch(n -> n.body().contains("this finding is gone as of cccccccc")));

        gitlab.clearRequests();
        Publication again = publish(REPORTER_TOKEN, ReportSamples.clean());
        assertEquals(0, again.resolved());
        assertTrue(gitlab.requestLines().stream().noneMatch(l -> l.startsWith("POST ") || l.startsWith("PUT " + MR
                + "/discussions")), gitlab.requestLines().toString());
    }

    @Test
    void aMergeRequestWithoutNewFilesOrFindingsGetsNoNote() {
        LintReport nothing = new LintReport(ReportSamples.DIR, "atlas", null, "files added since origin/main", List.of());
        Publication quiet = publish(TOKEN, nothing);
        assertNull(quiet.summaryUrl());
        assertTrue(gitlab.notes(IID).isEmpty());
    }

    @Test
    void anExistingNoteIsStillUpdatedWhenTheMergeRequestNoLongerAddsMigrations() {
        publish(TOKEN, ReportSamples.risky());
        long summary = gitlab.notes(IID).get(0).id();
        gitlab.clearRequests();

        LintReport nothing = new LintReport(ReportSamples.DIR, "atlas", null, "files added since origin/main", List.of());
        Publication quiet = publish(TOKEN, nothing);

        assertEquals(gitlab.serverUrl() + "/acme/shop/-/merge_requests/7#note_" + summary, quiet.summaryUrl());
        assertTrue(gitlab.requestLines().contains("PUT " + MR + "/notes/" + summary), gitlab.requestLines().toString());
        assertTrue(gitlab.requestLines().stream().noneMatch(l -> l.equals("POST " + MR + "/notes")));
        String body = gitlab.notes(IID).get(0).body();
        assertTrue(body.startsWith(MarkdownReport.marker(ReportSamples.DIR)) && body.contains("✅ **No errors**"), body);
        assertEquals(2, quiet.resolved(), "the findings are gone with the files");
    }

    @Test
    void aRenamedFileIsPositionedWithItsOldAndNewPath() {
        gitlab.close();
        gitlab = FakeGitLab.start(PROJECT).acceptToken(TOKEN, BOT, "schemagate-bot", Access.RESOLVE)
                .mergeRequest(IID, BASE, START, HEAD)
                .renamedDiff(IID, "db/old/1_users.sql", ReportSamples.PATH, "@@ -1,1 +1,3 @@\n SELECT 0;\n"
                        + "+ALTER TABLE users DROP COLUMN name;\n+ALTER TABLE users ADD COLUMN age int;\n");
        Diagnostic drop = new Diagnostic("DS103", Severity.ERROR, ReportSamples.PATH, new Position(0, 2, 1), "drop");

        Publication publication = publish(TOKEN, ReportSamples.report(List.of(drop)));

        assertEquals(List.of(), publication.warnings());
        assertEquals(1, publication.posted());
        Request thread = gitlab.requests().stream().filter(r -> r.line().equals("POST " + MR + "/discussions"))
                .findFirst().orElseThrow();
        assertEquals("db/old/1_users.sql", thread.form().get("position[old_path]"));
        assertEquals(ReportSamples.PATH, thread.form().get("position[new_path]"));
    }

    @Test
    void aGitLabBefore15_7WithoutThePaginatedDiffsReadsTheChanges() {
        gitlab.withoutDiffsEndpoint();

        Publication publication = publish(TOKEN, ReportSamples.risky());

        assertEquals(List.of(), publication.warnings());
        assertEquals(2, publication.posted());
        List<String> lines = gitlab.requestLines();
        int diffs = lines.indexOf("GET " + MR + "/diffs");
        assertEquals("GET " + MR + "/changes", lines.get(diffs + 1), lines.toString());
    }

    @Test
    void aRevokedTokenAndAReadApiTokenAreExplained() {
        gitlab.acceptToken("glpat-read-api-1111", BOT, "schemagate-bot", Access.READ_API_SCOPE).revoke(REPORTER_TOKEN);

        Publication revoked = publish(REPORTER_TOKEN, ReportSamples.risky());
        assertEquals(List.of("could not read merge request !7 of project 42: GitLab rejected the token (401"
                + " invalid_token: expired, revoked or unknown); give the job " + TokenAdvice.NEEDED),
                revoked.warnings());

        Publication readApi = publish("glpat-read-api-1111", ReportSamples.risky());
        assertTrue(readApi.warnings().get(0).startsWith("could not post the summary note: the token may not do this"
                + " (403 insufficient_scope: the token has no api scope); give the job a project or group access"
                + " token"), readApi.warnings().get(0));
        for (String warning : readApi.warnings()) {
            assertFalse(warning.contains("glpat-"), warning);
        }
    }

    @Test
    void anUnknownProjectSaysTheTokenNeedsReadAccess() {
        Publication publication = new MergeRequestPublisher(new MergeRequestContext(gitlab.serverUrl(), "43", IID),
                TOKEN, RuleDocs.DEFAULT_BASE_URL, Duration.ofSeconds(10), UnaryOperator.identity())
                .publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(List.of("could not read merge request !7 of project 43: not found (404 Project Not Found); the"
                + " token needs read access to this project's merge requests"), publication.warnings());
    }

    @Test
    void anotherUsersNoteOrThreadCarryingOurMarkersIsNeverOurs() {
        gitlab.addNote(IID, REVIEWER, MarkdownReport.marker(ReportSamples.DIR) + "\nplanted", false);
        gitlab.addThread(IID, REVIEWER, ReportSamples.PATH, 2, "<!-- schemagate:finding DS103 -->\nplanted");

        Publication publication = publish(TOKEN, ReportSamples.risky());

        assertTrue(gitlab.requestLines().contains("POST " + MR + "/notes"), "a note of its own, not the planted one");
        assertTrue(gitlab.requestLines().stream().noneMatch(l -> l.startsWith("PUT ")));
        assertEquals(2, publication.posted());
        assertEquals(0, publication.alreadyPosted());
        assertEquals(0, publication.resolved());
    }

    @Test
    void aMultiLineFixBecomesASuggestionReachingUpward() {
        Fix split = new Fix("Run them apart.", new Fix.TextEdit(1, 2, "SELECT 2;\nSELECT 3;\n"));
        Diagnostic d = new Diagnostic("MF101", Severity.WARNING, ReportSamples.PATH, new Position(0, 1, 1), "m",
                List.of(split));
        publish(TOKEN, ReportSamples.report(List.of(d)));
        Request thread = gitlab.requests().stream().filter(r -> r.line().equals("POST " + MR + "/discussions"))
                .findFirst().orElseThrow();
        assertEquals("2", thread.form().get("position[new_line]"));
        assertTrue(thread.form().get("body").contains("```suggestion:-1+0\nSELECT 2;\nSELECT 3;\n```"),
                thread.form().get("body"));
    }

    /**
     * A new file counts as changed on every line (its patch may be left out when large), so a finding past the end of
     * what GitLab's diff holds is placed, and GitLab refuses that one position with 400.
     */
    @Test
    void aRefusedPositionIsAWarningNamingTheLineAndTheOtherThreadsArePosted() {
        Diagnostic beyond = new Diagnostic("DS102", Severity.ERROR, ReportSamples.PATH, new Position(0, 9, 1), "gone");
        List<Diagnostic> diagnostics = new ArrayList<>(ReportSamples.risky().diagnostics());
        diagnostics.add(beyond);

        Publication publication = publish(TOKEN, ReportSamples.report(diagnostics));

        assertEquals(2, publication.posted(), publication.toString());
        assertEquals(1, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not post the thread on " + ReportSamples.PATH
                + ":9: GitLab answered (400 "), publication.warnings().get(0));
        assertEquals(3, gitlab.requestLines().stream().filter(l -> l.equals("POST " + MR + "/discussions")).count());
    }

    @Test
    void aRejectedTokenIsOneWarningAndNothingThrows() {
        Publication publication = publish("glpat-wrong", ReportSamples.risky());
        assertEquals(1, publication.warnings().size());
        assertTrue(publication.warnings().get(0).startsWith("could not read merge request !7 of project 42: GitLab"
                + " rejected the token (401 Unauthorized); give the job a project or group access token"),
                publication.warnings().get(0));
        assertFalse(publication.warnings().get(0).contains("glpat-wrong"));
        assertEquals(List.of("GET " + MR), gitlab.requestLines());
    }

    @Test
    void aReadOnlyTokenSaysWhichTokenAndRoleAreNeeded() {
        Publication publication = publish(READ_TOKEN, ReportSamples.risky());
        assertNull(publication.summaryUrl());
        assertEquals(0, publication.posted());
        assertEquals(2, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not post the summary note: the token may not do"
                + " this (403 Forbidden); give the job a project or group access token (or a personal one) with the"
                + " api scope and at least the Reporter role"), publication.warnings().get(0));
        assertTrue(publication.warnings().get(1).startsWith("could not post 2 diff threads: the token may not do this"),
                publication.warnings().get(1));
        assertEquals(1, gitlab.requestLines().stream().filter(l -> l.equals("POST " + MR + "/discussions")).count(),
                "after one 403, the others are not tried");
    }

    @Test
    void aSignInPageInsteadOfTheApiIsAWarningNotAnException() {
        gitlab.answerWithSignInPage();
        Publication publication = publish(TOKEN, ReportSamples.risky());
        assertEquals(1, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not publish on merge request !7: the answer is not"
                + " GitLab's API ("), publication.warnings().get(0));
        assertTrue(publication.warnings().get(0).endsWith("); CI_SERVER_URL must be the GitLab instance itself,"
                + " reachable without a sign-in page"), publication.warnings().get(0));
        assertFalse(publication.warnings().get(0).contains(TOKEN));
    }

    @Test
    void aReadOnlyTokenTriesOneGoneThreadAndSaysSoOnce() {
        publish(TOKEN, ReportSamples.risky());
        gitlab.clearRequests();

        Publication clean = publish(READ_TOKEN, ReportSamples.clean());

        assertEquals(0, clean.resolved());
        assertEquals(2, clean.warnings().size(), clean.warnings().toString());
        assertTrue(clean.warnings().get(1).startsWith("could not answer the thread on " + ReportSamples.PATH
                + ":2: the token may not do this (403 Forbidden)"), clean.warnings().get(1));
        assertEquals(1, gitlab.requestLines().stream().filter(l -> l.startsWith("PUT " + MR + "/discussions/")).count());
        assertEquals(1, gitlab.requestLines().stream().filter(l -> l.startsWith("POST " + MR + "/discussions/")).count());
    }

    @Test
    void aServerThatNeverAnswersCostsOneTimeoutPerCall() {
        gitlab.hang();
        long start = System.nanoTime();
        Publication publication = new MergeRequestPublisher(new MergeRequestContext(gitlab.serverUrl(), PROJECT, IID),
                TOKEN, RuleDocs.DEFAULT_BASE_URL, Duration.ofMillis(500), UnaryOperator.identity())
                .publish(ReportSamples.risky(), Optional::of, true);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not read merge request !7 of project 42: GitLab did"
                + " not answer in time ("), publication.warnings().get(0));
        assertTrue(publication.warnings().get(0).endsWith("; --network-timeout sets the limit)"));
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    }

    @Test
    void secretsAreRedactedAndQuickActionsDisarmedInEveryBody() {
        Diagnostic hostile = new Diagnostic("DI509", Severity.ERROR, ReportSamples.PATH, new Position(0, 2, 1),
                "s3cr3t-value leaked", List.of(new Fix("x", new Fix.TextEdit(2, 2, "/* c */ SELECT 1;\n")),
                        new Fix("Drop the comment.", null)));
        Fix sql = new Fix("Add it back:", new Fix.TextEdit(3, 3, "SELECT 1;\n/merge\n  /approve\n"));
        Diagnostic withSql = new Diagnostic("MF101", Severity.WARNING, ReportSamples.PATH, new Position(0, 3, 1), "m",
                List.of(sql));
        publisher(TOKEN, text -> text.replace("s3cr3t-value", "****"))
                .publish(ReportSamples.report(List.of(hostile, withSql)), Optional::of, true);

        List<String> bodies = gitlab.requests().stream().map(r -> r.form().get("body")).filter(b -> b != null).toList();
        assertEquals(3, bodies.size());
        for (String body : bodies) {
            assertFalse(body.contains("s3cr3t-value"), body);
            assertFalse(body.matches("(?s).*(^|\n)[ \t]*/[a-z].*"), body);
        }
        assertTrue(bodies.get(0).contains("\u200B/merge") && bodies.get(0).contains("  \u200B/approve"), bodies.get(0));
        assertTrue(bodies.get(1).contains("```suggestion\n/* c */ SELECT 1;\n```"), "a block comment is no quick action");
        assertFalse(bodies.get(2).contains("```suggestion"), "a suggestion holding /merge is described instead");
    }

    @Test
    void everyCallAuthenticatesWithPrivateTokenAndNoRecordOrWarningHoldsIt() {
        gitlab.failNext("POST", "/projects/42/merge_requests/7/discussions", 500, "application/json",
                "{\"message\":\"500 Internal Server Error\"}");
        Publication publication = publish(TOKEN, ReportSamples.risky());

        assertFalse(gitlab.requests().isEmpty());
        for (Request request : gitlab.requests()) {
            assertEquals(Request.MASKED, request.header("PRIVATE-TOKEN"), request.line());
            assertNull(request.header("Authorization"), request.line());
            assertFalse(request.toString().contains(TOKEN), request.toString());
        }
        assertEquals(List.of("could not post 2 diff threads: GitLab answered (500 Internal Server Error)"),
                publication.warnings());
    }

    @Test
    void theSummaryUrlIsTheMergeRequestsWebUrlWithTheNotesAnchor() {
        gitlab.mergeRequest(IID, BASE, START, HEAD, "https://gitlab.example.com/acme/db/shop/-/merge_requests/7");
        Publication publication = publish(TOKEN, ReportSamples.risky());
        assertEquals("https://gitlab.example.com/acme/db/shop/-/merge_requests/7#note_" + gitlab.notes(IID).get(0).id(),
                publication.summaryUrl());
    }

    @Test
    void aValidationErrorIsReadFieldByFieldAndTheThreadsAreStillPosted() {
        gitlab.failNext("POST", "/projects/42/merge_requests/7/notes", 400, "application/json",
                "{\"message\":{\"note\":[\"is too long (maximum is 1000000 characters)\"]}}");

        Publication publication = publish(TOKEN, ReportSamples.risky());

        assertEquals(List.of("could not post the summary note: GitLab answered (400 note: is too long (maximum is"
                + " 1000000 characters))"), publication.warnings());
        assertNull(publication.summaryUrl());
        assertEquals(2, publication.posted());
    }

    @Test
    void aProxysErrorPageAndARateLimitAreOneLineEach() {
        gitlab.failNext("GET", "/projects/42/merge_requests/7/diffs", 502, "text/html; charset=utf-8",
                "<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>\n");
        Publication proxied = publish(TOKEN, ReportSamples.risky());
        assertEquals(List.of("could not post diff threads: GitLab answered (502 Bad Gateway)"), proxied.warnings());
        assertTrue(proxied.summaryUrl().contains("#note_"), "the summary note went through before");

        gitlab.failNext("GET", "/projects/42/merge_requests/7", 429, "text/plain", "Retry later\n");
        Publication limited = publish(TOKEN, ReportSamples.risky());
        assertEquals(List.of("could not read merge request !7 of project 42: GitLab's rate limit is exhausted (429"
                + " Retry later); re-run the job later"), limited.warnings());
    }

    @Test
    void aGitLabThatIsNotListeningIsOneWarning() {
        String url = gitlab.serverUrl();
        gitlab.close();
        Publication publication = new MergeRequestPublisher(new MergeRequestContext(url, PROJECT, IID), TOKEN,
                RuleDocs.DEFAULT_BASE_URL, Duration.ofSeconds(5), UnaryOperator.identity())
                .publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(1, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not read merge request !7 of project 42: cannot"
                + " reach the GitLab API ("), publication.warnings().get(0));
        assertFalse(publication.warnings().get(0).contains(TOKEN));
    }

    /**
     * GitLab4J talks through Jersey's default connector, {@code HttpURLConnection} (its Apache connector only with a
     * proxy configured), which sends a request once more when the first connection ends without an answer.
     */
    @Test
    void aConnectionDroppedWithoutAnAnswerIsOneWarningAfterOneQuickRetry() {
        gitlab.dropConnections();
        long start = System.nanoTime();
        Publication publication = publish(TOKEN, ReportSamples.risky());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(1, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not read merge request !7 of project 42: cannot"
                + " reach the GitLab API ("), publication.warnings().get(0));
        assertTrue(publication.warnings().get(0).contains("Unexpected end of file from server"),
                publication.warnings().get(0));
        assertEquals(List.of("GET " + MR, "GET " + MR), gitlab.requestLines());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
    }

    @Test
    void aProjectNamedByItsPathIsAddressedUrlEncoded() {
        Publication publication = new MergeRequestPublisher(new MergeRequestContext(gitlab.serverUrl(),
                FakeGitLab.DEFAULT_PROJECT_PATH, IID), TOKEN, RuleDocs.DEFAULT_BASE_URL, Duration.ofSeconds(10),
                UnaryOperator.identity()).publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(List.of(), publication.warnings());
        assertEquals(2, publication.posted());
        assertEquals("GET /api/v4/projects/acme/shop/merge_requests/7", gitlab.requestLines().get(0),
                "recorded decoded; sent as acme%2Fshop");
    }

    /** A proxy that fails after GitLab created the thread: not sent again (a duplicate), found by the next run. */
    @Test
    void aLostAnswerToAPostIsNotSentAgainAndTheNextRunFindsTheThread() {
        gitlab.loseAnswerOnce("POST", "/projects/42/merge_requests/7/discussions");

        Publication publication = publish(TOKEN, ReportSamples.risky());

        assertEquals(1, gitlab.requestLines().stream().filter(l -> l.equals("POST " + MR + "/discussions")).count(),
                gitlab.requestLines().toString());
        assertEquals(1, gitlab.threads(IID).size());
        assertEquals(0, publication.posted());
        assertEquals(1, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not post 2 diff threads: cannot reach the GitLab"
                + " API ("), publication.warnings().get(0));

        Publication again = publish(TOKEN, ReportSamples.risky());
        assertEquals(List.of(), again.warnings());
        assertEquals(1, again.alreadyPosted());
        assertEquals(1, again.posted());
        assertEquals(2, gitlab.threads(IID).size());
    }

    /** A finding pushed past the comment limit by more severe ones is still there: its thread stays open. */
    @Test
    void aFindingPastTheCommentLimitKeepsItsThreadOpen() {
        gitlab.close();
        StringBuilder diff = new StringBuilder("@@ -0,0 +1,60 @@\n");
        for (int line = 1; line <= 60; line++) {
            diff.append("+SELECT ").append(line).append(";\n");
        }
        gitlab = FakeGitLab.start(PROJECT).acceptToken(TOKEN, BOT, "schemagate-bot", Access.RESOLVE)
                .mergeRequest(IID, BASE, START, HEAD).diff(IID, ReportSamples.PATH, true, diff.toString());
        Diagnostic note = new Diagnostic("PG508", Severity.INFO, ReportSamples.PATH, new Position(0, 60, 1), "lock");
        assertEquals(1, publish(TOKEN, ReportSamples.report(List.of(note))).posted());

        List<Diagnostic> crowded = new ArrayList<>(List.of(note));
        for (int line = 1; line <= io.schemagate.core.review.DiffPlacement.MAX_COMMENTS; line++) {
            crowded.add(new Diagnostic("DS103", Severity.ERROR, ReportSamples.PATH, new Position(0, line, 1), "drop " + line));
        }
        Publication again = publish(TOKEN, ReportSamples.report(crowded));

        assertEquals(1, again.overLimit());
        assertEquals(0, again.resolved(), again.toString());
        assertTrue(gitlab.threads(IID).stream().filter(t -> t.line() == 60).noneMatch(FakeGitLab.Note::resolved));
    }

    /**
     * A secret that is a word of the hidden markers (the lint component's old default dev password was
     * {@code schemagate}): masked in the text, but the markers stay, so a re-run finds its note and threads.
     */
    @Test
    void aSecretThatIsAWordOfTheMarkersDoesNotMaskThem() {
        UnaryOperator<String> redact = text -> text.replace("schemagate", "****");
        Publication first = publisher(TOKEN, redact).publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(2, first.posted(), first.warnings().toString());
        assertTrue(gitlab.notes(IID).get(0).body().startsWith(MarkdownReport.marker(ReportSamples.DIR)),
                gitlab.notes(IID).get(0).body());
        assertTrue(gitlab.threads(IID).get(0).body().startsWith("<!-- schemagate:finding "),
                gitlab.threads(IID).get(0).body());
        assertFalse(gitlab.threads(IID).get(0).body().substring(20).contains("schemagate"), "masked past the tag");

        Publication again = publisher(TOKEN, redact).publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(0, again.posted());
        assertEquals(2, again.alreadyPosted());
        assertEquals(2, gitlab.threads(IID).size());
        assertEquals(1, gitlab.notes(IID).stream().filter(n -> n.path() == null).count(), "one summary note");
    }

    @Test
    void aDirectoryMaskedInTheMarkerIsFoundAgainMaskedAlike() {
        UnaryOperator<String> redact = text -> text.replace("migrations", "****");
        publisher(TOKEN, redact).publish(ReportSamples.risky(), Optional::of, true);
        assertFalse(gitlab.notes(IID).get(0).body().contains("migrations"), gitlab.notes(IID).get(0).body());
        publisher(TOKEN, redact).publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(1, gitlab.notes(IID).stream().filter(n -> n.path() == null).count(), "one summary note");
    }

    /**
     * {@code --dir $CI_PROJECT_DIR/db/migrations}: the builds directory differs between runners and concurrent jobs
     * ({@code /builds/TOKEN/N/…}), the directory in the repository does not. The marker names the latter.
     */
    @Test
    void anAbsoluteDirectoryUnderAnotherBuildsPathFindsTheSameNote() {
        java.util.function.Function<String, Optional<String>> repoPath =
                path -> Optional.of(path.replaceFirst("^/builds/[^/]+/[0-9]+/acme/shop/", ""));
        LintReport risky = ReportSamples.risky();
        for (String builds : List.of("/builds/aB3dE/0/acme/shop/", "/builds/Zz9yX/1/acme/shop/")) {
            LintReport here = new LintReport(builds + risky.dir(), risky.format(), risky.devDatabase(),
                    risky.selection(), risky.files());
            Publication publication = publisher(TOKEN, UnaryOperator.identity()).publish(here, repoPath, true);
            assertEquals(List.of(), publication.warnings());
        }
        assertEquals(1, gitlab.notes(IID).stream().filter(n -> n.path() == null).count(), "one summary note");
        assertTrue(gitlab.notes(IID).get(0).body().startsWith(MarkdownReport.marker(ReportSamples.DIR) + "\n"),
                gitlab.notes(IID).get(0).body());
        assertEquals(2, gitlab.threads(IID).size());
    }

    /**
     * A thread that cannot be posted for a reason every later one would share (a 429) stops the posting; the findings
     * after it still have their earlier threads, which must stay open, not be resolved as gone.
     */
    @Test
    void postingStoppedByARateLimitLeavesTheLaterFindingsThreadsOpen() {
        publish(TOKEN, ReportSamples.risky()); // DS103 (error, line 2) and PG508 (info, line 1)
        assertEquals(2, gitlab.threads(IID).size());
        List<Diagnostic> now = new ArrayList<>(ReportSamples.risky().diagnostics());
        now.add(new Diagnostic("DS102", Severity.ERROR, ReportSamples.PATH, new Position(0, 3, 1), "new finding"));
        gitlab.failNext("POST", "/projects/42/merge_requests/7/discussions", 429, "application/json",
                "{\"message\":\"429 Too Many Requests\"}");

        Publication again = publish(TOKEN, ReportSamples.report(now)); // DS103 there, DS102 refused, PG508 there

        assertEquals(0, again.resolved(), again.warnings().toString());
        assertTrue(gitlab.threads(IID).stream().noneMatch(FakeGitLab.Note::resolved), gitlab.threads(IID).toString());
        assertEquals(2, again.alreadyPosted());
        assertEquals(List.of("could not post 1 diff thread: GitLab's rate limit is exhausted (429 Too Many Requests);"
                + " re-run the job later"), again.warnings());
    }
}
