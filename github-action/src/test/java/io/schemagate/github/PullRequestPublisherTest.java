package io.schemagate.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.RuleDocs;
import io.schemagate.core.review.Publication;
import io.schemagate.core.testing.ReportSamples;
import io.schemagate.core.testing.SilentServer;
import io.schemagate.github.testing.FakeGitHub.Request;
import io.schemagate.github.testing.FakeGitHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The real hub4j client against a local server that answers like GitHub, checked request by request. */
class PullRequestPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ghs_test_token_1234";
    private static final String HEAD = "a".repeat(40);
    private static final String BASE = "b".repeat(40);
    private static final int PR = 12;
    private static final String REPO = "/repos/acme/shop";

    private FakeGitHub github;

    @BeforeEach
    void start() {
        github = FakeGitHub.start("acme", "shop").acceptToken(TOKEN)
                .pullRequest(PR, BASE, HEAD, "main", "feature/drop-name")
                .file(PR, "README.md", "modified", "@@ -1 +1 @@\n-old\n+new")
                .file(PR, ReportSamples.PATH, "added", "@@ -0,0 +1,2 @@\n+ALTER TABLE users ADD COLUMN age int;\n+ALTER TABLE users DROP COLUMN name;");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private Publication publish(FakeGitHub server, LintReport report) {
        PullRequestContext pr = new PullRequestContext(server.apiUrl(), "acme/shop", PR, BASE, HEAD, "main");
        return new PullRequestPublisher(pr, TOKEN, RuleDocs.DEFAULT_BASE_URL).publish(report, Optional::of, true);
    }

    @Test
    void firstRunPostsTheSummaryAndOneReviewWithLineComments() throws Exception {
        github.addIssueComment(PR, "alice", "Looks good, but see the bot.");

        Publication publication = publish(github, ReportSamples.risky());

        assertEquals(List.of(), publication.warnings());
        assertEquals(2, publication.posted());
        // hub4j asks who the token belongs to once (GitHub Actions tokens may not: the fake answers 403, ignored).
        assertEquals(List.of("GET /user", "GET " + REPO, "GET " + REPO + "/pulls/12",
                "GET " + REPO + "/issues/12/comments?per_page=100", "POST " + REPO + "/issues/12/comments",
                "GET " + REPO + "/pulls/12/files?per_page=100", "GET " + REPO + "/pulls/12/comments?per_page=100",
                "POST " + REPO + "/pulls/12/reviews"),
                github.requests().stream().map(r -> r.method() + " " + r.path()).toList());
        List<Request> writes = github.mutations();
        assertEquals(List.of("POST " + REPO + "/issues/" + PR + "/comments", "POST " + REPO + "/pulls/" + PR + "/reviews"),
                writes.stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals(MarkdownReport.render(ReportSamples.risky()), JSON.readTree(writes.get(0).body()).get("body").asText());

        JsonNode review = JSON.readTree(writes.get(1).body());
        assertEquals("COMMENT", review.get("event").asText());
        assertEquals(HEAD, review.get("commit_id").asText());
        JsonNode comments = review.get("comments");
        assertEquals(2, comments.size());
        // Most severe first: the DS103 error on line 2, then the PG508 note with its one-click fix on line 1.
        assertEquals(ReportSamples.PATH, comments.get(0).get("path").asText());
        assertEquals(2, comments.get(0).get("line").asInt());
        assertTrue(comments.get(0).get("body").asText().contains("DS103"));
        assertEquals(1, comments.get(1).get("line").asInt());
        assertTrue(comments.get(1).get("body").asText().contains("```suggestion\nSET lock_timeout = '5s';\n"));

        assertEquals(github.issueComments(PR).get(1).id(), idOf(publication.summaryUrl()));
        // Every request carried the token, and only as the Authorization header.
        assertTrue(github.requests().stream().allMatch(r -> r.headers().getOrDefault("Authorization", "").endsWith(TOKEN)));
        assertTrue(github.requests().stream().noneMatch(r -> r.path().contains(TOKEN)));
    }

    @Test
    void aReRunUpdatesTheSameCommentAndRepeatsNoLineComment() {
        Publication first = publish(github, ReportSamples.risky());
        github.clearRequests();

        Publication second = publish(github, ReportSamples.risky());

        assertEquals(List.of(), second.warnings());
        assertEquals(0, second.posted());
        assertEquals(2, second.alreadyPosted());
        long id = github.issueComments(PR).get(0).id();
        assertEquals(List.of("PATCH " + REPO + "/issues/comments/" + id),
                github.mutations().stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals(first.summaryUrl(), second.summaryUrl());
        assertEquals(1, github.issueComments(PR).size());
        assertEquals(2, github.reviewComments(PR).size());
    }

    @Test
    void aCleanRunTurnsTheCommentGreen() {
        publish(github, ReportSamples.risky());
        github.clearRequests();

        Publication clean = publish(github, ReportSamples.clean());

        assertEquals(List.of(), clean.warnings());
        assertEquals(1, github.mutations().size());
        assertEquals("PATCH", github.mutations().get(0).method());
        String body = github.issueComments(PR).get(0).body();
        assertTrue(body.contains("✅ **No errors**"), body);
        assertFalse(body.contains("DS103"), body);
    }

    @Test
    void aPullRequestWithoutMigrationsGetsNoCommentUnlessOneIsThereToUpdate() {
        LintReport nothingNew = new LintReport(ReportSamples.DIR, "atlas", null, "files added since origin/main",
                List.of());

        Publication quiet = publish(github, nothingNew);

        assertNull(quiet.summaryUrl());
        assertEquals(List.of(), quiet.warnings());
        assertEquals(List.of(), github.mutations());

        // Once the pull request had findings, its comment must not go stale when the migration is removed again.
        publish(github, ReportSamples.risky());
        github.clearRequests();
        Publication removed = publish(github, nothingNew);
        assertEquals(List.of("PATCH"), github.mutations().stream().map(Request::method).toList());
        assertTrue(github.issueComments(PR).get(0).body().contains("✅ **No errors**"));
        assertTrue(removed.summaryUrl() != null);
    }

    @Test
    void theMarkerIsFoundOnALaterPageAndOtherDirectoriesAreLeftAlone() {
        for (int i = 0; i < 4; i++) {
            github.addIssueComment(PR, "alice", "comment " + i);
        }
        long other = github.addIssueComment(PR, FakeGitHub.BOT_LOGIN, MarkdownReport.marker("other/dir") + "\n\nold");
        long ours = github.addIssueComment(PR, FakeGitHub.BOT_LOGIN, MarkdownReport.marker(ReportSamples.DIR) + "\n\nold");

        publish(github, ReportSamples.clean());

        List<String> pages = github.requests().stream().map(Request::path)
                .filter(p -> p.startsWith(REPO + "/issues/" + PR + "/comments")).toList();
        assertTrue(pages.size() >= 3 && pages.get(pages.size() - 1).contains("page=3"), pages.toString());
        assertEquals(List.of("PATCH " + REPO + "/issues/comments/" + ours),
                github.mutations().stream().map(r -> r.method() + " " + r.path()).toList());
        assertTrue(github.issueComments(PR).stream().filter(c -> c.id() == other).findFirst().orElseThrow()
                .body().endsWith("old"));
    }

    @Test
    void aReadOnlyTokenPostsNothingAndSaysWhichPermissionIsMissing() {
        github.readOnly(true);

        Publication publication = publish(github, ReportSamples.risky());

        assertNull(publication.summaryUrl());
        assertEquals(2, publication.warnings().size(), publication.warnings().toString());
        assertTrue(publication.warnings().get(0).startsWith("could not post the summary comment: the token may not write"
                + " to this pull request (403 Resource not accessible by integration); give the job"
                + " `permissions: pull-requests: write`"), publication.warnings().get(0));
        assertTrue(publication.warnings().get(1).startsWith("could not post 2 line comments: the token may not write"));
        assertTrue(github.issueComments(PR).isEmpty());
        assertTrue(publication.warnings().stream().noneMatch(w -> w.contains(TOKEN)));
    }

    @Test
    void aRateLimitFailsFastWithAWarning() {
        github.rateLimited(true);
        long start = System.nanoTime();

        Publication publication = publish(github, ReportSamples.risky());

        assertTrue(System.nanoTime() - start < 20_000_000_000L, "must not wait for the limit to reset");
        assertEquals(1, publication.warnings().size());
        assertTrue(publication.warnings().get(0).contains("rate limit"), publication.warnings().get(0));
    }

    @Test
    void aLineGitHubRefusesCosts422AndAWarningButNotTheSummary() {
        // GitHub omits the patch of huge files; the one it returns here covers lines 1-2, so line 40 is refused.
        LintReport report = ReportSamples.report(List.of(new io.schemagate.core.diagnostic.Diagnostic("DS102",
                io.schemagate.core.diagnostic.Severity.ERROR, ReportSamples.PATH,
                new io.schemagate.core.text.Position(900, 40, 1), "Dropping table \"orders\" loses its data.")));

        Publication publication = publish(github, report);

        assertTrue(publication.summaryUrl() != null);
        assertEquals(1, publication.warnings().size());
        assertTrue(publication.warnings().get(0).startsWith("could not post 1 line comment: GitHub answered (422"),
                publication.warnings().get(0));
        assertTrue(publication.warnings().get(0).contains("must be part of the diff"), publication.warnings().get(0));
        assertTrue(github.reviewComments(PR).isEmpty());
    }

    @Test
    void badCredentialsAndAnUnreachableServerAreWarnings() {
        PullRequestContext pr = new PullRequestContext(github.apiUrl(), "acme/shop", PR, BASE, HEAD, "main");
        Publication wrong = new PullRequestPublisher(pr, "wrong", RuleDocs.DEFAULT_BASE_URL)
                .publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(1, wrong.warnings().size());
        assertTrue(wrong.warnings().get(0).startsWith("could not read pull request #12 of acme/shop: GitHub rejected"
                + " the token (401 Bad credentials)"), wrong.warnings().get(0));

        String url = github.apiUrl();
        github.close();
        PullRequestContext gone = new PullRequestContext(url, "acme/shop", PR, BASE, HEAD, "main");
        Publication down = new PullRequestPublisher(gone, TOKEN, RuleDocs.DEFAULT_BASE_URL)
                .publish(ReportSamples.risky(), Optional::of, true);
        assertTrue(down.warnings().get(0).startsWith("could not read pull request #12 of acme/shop: cannot reach the"
                + " GitHub API"), down.warnings().get(0));
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a regression fails instead of hanging the build
    void aGitHubThatNeverAnswersCostsOneTimeoutAndAWarning() {
        try (SilentServer silent = new SilentServer()) {
            PullRequestContext pr = new PullRequestContext("http://" + silent.hostPort(), "acme/shop", PR, BASE, HEAD,
                    "main");
            long start = System.nanoTime();
            Publication publication = new PullRequestPublisher(pr, TOKEN, RuleDocs.DEFAULT_BASE_URL,
                    Duration.ofSeconds(1), UnaryOperator.identity()).publish(ReportSamples.risky(), Optional::of, true);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 10_000, "took " + millis + " ms");
            assertEquals(List.of("could not read pull request #12 of acme/shop: GitHub did not answer in time (no answer"
                    + " from 127.0.0.1:" + silent.port() + " within 1 s; --network-timeout sets the limit)"),
                    publication.warnings());
            assertTrue(silent.accepted() >= 1);
        }
    }

    @Test
    void everyBodyPostedPassesThroughTheRedactionAndReRunsStillRecogniseTheirComments() throws Exception {
        PullRequestContext pr = new PullRequestContext(github.apiUrl(), "acme/shop", PR, BASE, HEAD, "main");
        UnaryOperator<String> redact = text -> text.replace("users", "****");
        PullRequestPublisher publisher = new PullRequestPublisher(pr, TOKEN, RuleDocs.DEFAULT_BASE_URL,
                Duration.ofSeconds(30), redact);
        assertTrue(MarkdownReport.render(ReportSamples.risky()).contains("users"), "the sample must hold the word");

        Publication first = publisher.publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(2, first.posted(), first.warnings().toString());
        for (Request write : github.mutations()) {
            assertFalse(write.body().contains("users"), write.body());
            assertTrue(write.body().contains("****"), write.body());
        }

        Publication again = publisher.publish(ReportSamples.risky(), Optional::of, true);
        assertEquals(0, again.posted());
        assertEquals(2, again.alreadyPosted());
        assertEquals(1, github.issueComments(PR).size());
    }

    @Test
    void gitHubEnterpriseServerIsReachedUnderItsApiPrefix() {
        try (FakeGitHub enterprise = FakeGitHub.start("acme", "shop", "/api/v3").acceptToken(TOKEN)
                .pullRequest(PR, BASE, HEAD, "main", "f")
                .file(PR, ReportSamples.PATH, "added", null)) {
            Publication publication = publish(enterprise, ReportSamples.risky());
            assertEquals(List.of(), publication.warnings());
            assertEquals(1, enterprise.issueComments(PR).size());
            assertEquals(2, enterprise.reviewComments(PR).size());
        }
    }

    private static long idOf(String htmlUrl) {
        return Long.parseLong(htmlUrl.substring(htmlUrl.lastIndexOf("-") + 1));
    }
}
