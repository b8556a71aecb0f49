package io.schemagate.github.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.github.testing.FakeGitHub.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHPullRequestReview;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHPullRequestReviewEvent;
import org.kohsuke.github.GHPullRequestReviewState;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

/** Drives the real hub4j client against {@link FakeGitHub}, so that the fake is known to be good enough for it. */
class FakeGitHubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "b".repeat(40);
    private static final String HEAD = "4".repeat(40);
    /** New-file lines 10..14 and 40..42 are in the diff; 20 is not. */
    private static final String SCHEMA_PATCH = String.join("\n",
            "@@ -10,4 +10,5 @@ CREATE TABLE users (",
            "   id bigint PRIMARY KEY,",
            "   name text NOT NULL,",
            "-  email text",
            "+  email text NOT NULL,",
            "+  created_at timestamptz",
            " );",
            "@@ -40,2 +41,2 @@ CREATE INDEX",
            "-CREATE INDEX users_email ON users (email);",
            "+CREATE UNIQUE INDEX users_email ON users (email);",
            " -- end");

    private FakeGitHub fake;

    @BeforeEach
    void startFake() {
        fake = FakeGitHub.start("acme", "shop");
        fake.pullRequest(7, BASE, HEAD, "main", "feature/email")
                .file(7, "db/schema.sql", "modified", SCHEMA_PATCH)
                .file(7, "db/new.sql", "added", null)
                .file(7, "db/old.sql", "removed", "@@ -1,2 +0,0 @@\n-a\n-b")
                .file(7, "docs/read me.md", "renamed", null)
                .file(7, "logo.png", "added", null);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private static GitHub client(String apiUrl, String token) throws IOException {
        return new GitHubBuilder().withEndpoint(apiUrl).withOAuthToken(token)
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                .build();
    }

    private GHPullRequest pr7() throws IOException {
        return client(fake.apiUrl(), "t").getRepository("acme/shop").getPullRequest(7);
    }

    private List<String> paths() {
        return fake.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Test
    void readsRepositoryPullRequestAndFilesAcrossPages() throws IOException {
        GHPullRequest pr = pr7();
        assertEquals(HEAD, pr.getHead().getSha());
        assertEquals("feature/email", pr.getHead().getRef());
        assertEquals(BASE, pr.getBase().getSha());
        assertEquals("main", pr.getBase().getRef());
        assertEquals("acme/shop", pr.getRepository().getFullName());
        assertEquals(fake.apiUrl() + "/repos/acme/shop/pulls/7", pr.getUrl().toString());

        List<GHPullRequestFileDetail> files = pr.listFiles().toList();
        assertEquals(List.of("db/schema.sql", "db/new.sql", "db/old.sql", "docs/read me.md", "logo.png"),
                files.stream().map(GHPullRequestFileDetail::getFilename).toList());
        assertEquals(SCHEMA_PATCH, files.get(0).getPatch());
        assertEquals(3, files.get(0).getAdditions());
        assertEquals(2, files.get(0).getDeletions());
        assertEquals("removed", files.get(2).getStatus());
        assertNull(files.get(1).getPatch());
        assertTrue(files.get(3).getBlobUrl().toString().endsWith("/blob/" + HEAD + "/docs/read%20me.md"));

        assertEquals(List.of(
                "GET /user", // GitHubBuilder.build() looks up the token's login (the fake answers 403, like GitHub)
                "GET /repos/acme/shop",
                "GET /repos/acme/shop/pulls/7",
                "GET /repos/acme/shop/pulls/7/files",
                "GET /repos/acme/shop/pulls/7/files?page=2&per_page=2",
                "GET /repos/acme/shop/pulls/7/files?page=3&per_page=2"), paths());
    }

    @Test
    void listsIssueCommentsAcrossThreePagesFollowingTheLinkHeader() throws IOException {
        for (int i = 1; i <= 5; i++) {
            fake.addIssueComment(7, i % 2 == 0 ? "reviewer" : FakeGitHub.BOT_LOGIN, "comment " + i);
        }
        List<GHIssueComment> comments = pr7().listComments().toList();

        assertEquals(List.of("comment 1", "comment 2", "comment 3", "comment 4", "comment 5"),
                comments.stream().map(GHIssueComment::getBody).toList());
        assertEquals(FakeGitHub.BOT_LOGIN, comments.get(0).getUser().getLogin());
        assertEquals("reviewer", comments.get(1).getUser().getLogin());
        assertTrue(paths().contains("GET /repos/acme/shop/issues/7/comments?page=2&per_page=2"), paths()::toString);
        assertTrue(paths().contains("GET /repos/acme/shop/issues/7/comments?page=3&per_page=2"), paths()::toString);
    }

    @Test
    void linkHeaderHasGitHubsFormat() throws Exception {
        for (int i = 1; i <= 5; i++) {
            fake.addIssueComment(7, "someone", "c" + i);
        }
        String list = fake.apiUrl() + "/repos/acme/shop/issues/7/comments";
        HttpResponse<String> first = get(list, "token t");
        assertEquals(200, first.statusCode());
        assertEquals("application/json; charset=utf-8", first.headers().firstValue("content-type").orElseThrow());
        assertEquals("5000", first.headers().firstValue("x-ratelimit-limit").orElseThrow());
        assertTrue(Integer.parseInt(first.headers().firstValue("x-ratelimit-remaining").orElseThrow()) > 0);
        assertTrue(Long.parseLong(first.headers().firstValue("x-ratelimit-reset").orElseThrow())
                > Instant.now().getEpochSecond());
        assertEquals("<" + list + "?page=2&per_page=2>; rel=\"next\", <" + list + "?page=3&per_page=2>; rel=\"last\"",
                first.headers().firstValue("link").orElseThrow());

        HttpResponse<String> second = get(list + "?per_page=100&page=2", "token t");
        assertEquals("<" + list + "?page=1&per_page=2>; rel=\"prev\", <" + list + "?page=3&per_page=2>; rel=\"next\", <"
                + list + "?page=3&per_page=2>; rel=\"last\", <" + list + "?page=1&per_page=2>; rel=\"first\"",
                second.headers().firstValue("link").orElseThrow());
        assertEquals(List.of("c3", "c4"), bodies(second));

        fake.pageSize(10);
        HttpResponse<String> single = get(list, "token t");
        assertEquals(5, bodies(single).size());
        assertTrue(single.headers().firstValue("link").isEmpty(), "one page, no Link header");
    }

    /** hub4j's default connector (java.net.http) sends a real PATCH. */
    @Test
    void createsAndUpdatesAnIssueComment() throws IOException {
        GHIssueComment comment = pr7().comment("first draft");
        assertEquals("first draft", comment.getBody());
        assertEquals(FakeGitHub.BOT_LOGIN, comment.getUser().getLogin());
        comment.update("final text");

        List<FakeGitHub.IssueComment> stored = fake.issueComments(7);
        assertEquals(1, stored.size());
        assertEquals(comment.getId(), stored.get(0).id());
        assertEquals("final text", stored.get(0).body());
        assertTrue(stored.get(0).updatedAt().isAfter(stored.get(0).createdAt()));

        List<Request> mutations = fake.mutations();
        assertEquals(List.of("POST /repos/acme/shop/issues/7/comments",
                "PATCH /repos/acme/shop/issues/comments/" + comment.getId()),
                mutations.stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals("final text", JSON.readTree(mutations.get(1).body()).get("body").asText());
        assertEquals("token t", mutations.get(0).headers().get("authorization"));
    }

    /** Clients that cannot send PATCH (HttpURLConnection) POST with an override header; GitHub honours it. */
    @Test
    void honoursTheMethodOverrideHeader() throws Exception {
        long id = fake.addIssueComment(7, FakeGitHub.BOT_LOGIN, "old");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(fake.apiUrl() + "/repos/acme/shop/issues/comments/" + id))
                .header("X-HTTP-Method-Override", "PATCH")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"new\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("new", fake.issueComments(7).get(0).body());
        assertEquals("PATCH", fake.mutations().get(0).method());
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(fake.apiUrl() + "/repos/acme/shop/issues/comments/999"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"body\":\"new\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void storesAReviewWhoseCommentsAreInTheDiff() throws IOException {
        GHPullRequest pr = pr7();
        GHPullRequestReview review = pr.createReview().commitId(HEAD).event(GHPullRequestReviewEvent.COMMENT)
                .body("schemagate found 2 issues")
                .singleLineComment("email must stay nullable", "db/schema.sql", 12)
                .multiLineComment("index spans", "db/schema.sql", 41, 42)
                .singleLineComment("new file, any line", "db/new.sql", 300)
                .create();

        assertEquals(GHPullRequestReviewState.COMMENTED, review.getState());
        assertEquals("schemagate found 2 issues", review.getBody());
        assertEquals(HEAD, review.getCommitId());
        assertEquals(1, fake.reviews(7).size());
        assertEquals(review.getId(), fake.reviews(7).get(0).id());

        Request post = fake.mutations().get(0);
        assertEquals("POST", post.method());
        assertEquals("/repos/acme/shop/pulls/7/reviews", post.path());
        JsonNode sent = JSON.readTree(post.body());
        assertEquals(HEAD, sent.get("commit_id").asText());
        assertEquals("COMMENT", sent.get("event").asText());
        assertEquals(41, sent.get("comments").get(1).get("start_line").asInt());

        List<FakeGitHub.ReviewComment> stored = fake.reviewComments(7);
        assertEquals(3, stored.size());
        assertEquals(12, stored.get(0).line());
        assertNull(stored.get(0).startLine());
        assertEquals(41, stored.get(1).startLine());
        assertEquals(review.getId(), stored.get(2).reviewId());

        fake.addReviewComment(7, "reviewer", "db/schema.sql", 11, "earlier remark");
        List<GHPullRequestReviewComment> listed = pr.listReviewComments().toList();
        assertEquals(4, listed.size());
        GHPullRequestReviewComment first = listed.get(0);
        assertEquals("db/schema.sql", first.getPath());
        assertEquals(12, first.getLine());
        assertEquals("RIGHT", first.getSide().name());
        assertEquals("email must stay nullable", first.getBody());
        assertEquals(FakeGitHub.BOT_LOGIN, first.getUser().getLogin());
        assertEquals(review.getId(), first.getPullRequestReviewId());
        assertEquals(HEAD, first.getCommitId());
        assertTrue(first.getDiffHunk().startsWith("@@ -10,4 +10,5 @@"), first.getDiffHunk());
        assertTrue(first.getDiffHunk().endsWith("+  email text NOT NULL,"), first.getDiffHunk());
        assertEquals(4, first.getPosition());
        assertEquals(41, listed.get(1).getStartLine());
        assertEquals(42, listed.get(1).getLine());
        assertEquals("earlier remark", listed.get(3).getBody());
        assertEquals("reviewer", listed.get(3).getUser().getLogin());
        assertTrue(paths().contains("GET /repos/acme/shop/pulls/7/comments?page=2&per_page=2"), paths()::toString);
    }

    @Test
    void rejectsAReviewWithACommentOutsideTheDiffAndStoresNothing() throws IOException {
        GHPullRequest pr = pr7();
        for (Object[] bad : new Object[][] {
                {"db/schema.sql", 20}, // between the hunks
                {"db/schema.sql", 15}, // just past the first hunk (+10,5 covers 10..14)
                {"db/old.sql", 1}, // deleted file: nothing on the right side
                {"logo2.png", 1}, // not a file of the pull request
                {"docs/read me.md", 1}, // renamed without a patch: nothing changed to comment on
        }) {
            HttpException e = assertThrows(HttpException.class, () -> pr.createReview().commitId(HEAD)
                    .event(GHPullRequestReviewEvent.COMMENT).body("b")
                    .singleLineComment("fine", "db/schema.sql", 12)
                    .singleLineComment("x", (String) bad[0], (Integer) bad[1]).create());
            assertEquals(422, e.getResponseCode(), bad[0] + ":" + bad[1]);
            assertTrue(e.getMessage().contains("Pull request review thread line must be part of the diff"),
                    e.getMessage());
        }
        HttpException crossHunk = assertThrows(HttpException.class, () -> pr.createReview().commitId(HEAD)
                .event(GHPullRequestReviewEvent.COMMENT).multiLineComment("x", "db/schema.sql", 12, 41).create());
        assertEquals(422, crossHunk.getResponseCode());
        assertTrue(fake.reviews(7).isEmpty());
        assertTrue(fake.reviewComments(7).isEmpty());
    }

    @Test
    void readOnlyTokenCanReadButNotWrite() throws IOException {
        fake.readOnly(true);
        GHPullRequest pr = pr7(); // reads still work
        HttpException comment = assertThrows(HttpException.class, () -> pr.comment("hello"));
        assertEquals(403, comment.getResponseCode());
        assertTrue(comment.getMessage().contains("Resource not accessible by integration"), comment.getMessage());
        HttpException review = assertThrows(HttpException.class, () -> pr.createReview().commitId(HEAD)
                .event(GHPullRequestReviewEvent.COMMENT).body("b").singleLineComment("x", "db/schema.sql", 12)
                .create());
        assertEquals(403, review.getResponseCode());
        assertTrue(fake.issueComments(7).isEmpty());
        assertTrue(fake.reviews(7).isEmpty());
    }

    @Test
    void rateLimitFailsFastWithoutWaiting() {
        fake.rateLimited(true);
        HttpException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(HttpException.class, () -> client(fake.apiUrl(), "t").getRepository("acme/shop")));
        assertEquals(403, e.getResponseCode());
        assertTrue(e.getMessage().contains("API rate limit reached"), e.getMessage()); // hub4j's FAIL handler ran
        assertEquals(List.of("GET /user", "GET /repos/acme/shop"), paths(), "no retries");
    }

    @Test
    void outageAnswersTheConfiguredStatusOnce() throws IOException {
        GHPullRequest pr = pr7();
        fake.failWith(502);
        HttpException e = assertThrows(HttpException.class, () -> pr.comment("x"));
        assertEquals(502, e.getResponseCode());
        assertEquals(1, fake.mutations().size(), "hub4j does not retry a JSON 502");
        fake.failWith(0);
        pr.comment("x");
        assertEquals(1, fake.issueComments(7).size());
    }

    @Test
    void checksTheTokenWhenAsked() throws Exception {
        fake.acceptToken("s3cret");
        HttpException e = assertThrows(HttpException.class, () -> client(fake.apiUrl(), "wrong").getRepository("acme/shop"));
        assertEquals(401, e.getResponseCode());
        assertTrue(e.getMessage().contains("Bad credentials"), e.getMessage());
        assertEquals("shop", client(fake.apiUrl(), "s3cret").getRepository("acme/shop").getName());
        assertEquals(200, get(fake.apiUrl() + "/repos/acme/shop", "Bearer s3cret").statusCode());
        assertEquals(401, get(fake.apiUrl() + "/repos/acme/shop", null).statusCode());
    }

    @Test
    void unknownRoutesAnswer404() throws Exception {
        GitHub github = client(fake.apiUrl(), "t");
        assertThrows(GHFileNotFoundException.class, () -> github.getRepository("acme/other"));
        assertThrows(GHFileNotFoundException.class, () -> github.getRepository("acme/shop").getPullRequest(8));
        HttpResponse<String> response = get(fake.apiUrl() + "/repos/acme/shop/branches", "token t");
        assertEquals(404, response.statusCode());
        assertEquals("Not Found", JSON.readTree(response.body()).get("message").asText());
    }

    @Test
    void servesEverythingUnderAGitHubEnterprisePrefix() throws IOException {
        try (FakeGitHub ghes = FakeGitHub.start("acme", "shop", "/api/v3")) {
            ghes.pullRequest(3, BASE, HEAD, "main", "topic").file(3, "a.sql", "added", "@@ -0,0 +1,2 @@\n+x\n+y");
            for (int i = 0; i < 3; i++) {
                ghes.addIssueComment(3, "someone", "c" + i);
            }
            assertTrue(ghes.apiUrl().endsWith("/api/v3"));
            GHPullRequest pr = client(ghes.apiUrl(), "t").getRepository("acme/shop").getPullRequest(3);
            assertEquals(3, pr.listComments().toList().size());
            pr.createReview().commitId(HEAD).event(GHPullRequestReviewEvent.COMMENT).body("b")
                    .singleLineComment("x", "a.sql", 2).create();
            assertEquals(1, ghes.reviewComments(3).size());
            assertTrue(pr.getHtmlUrl().toString().endsWith("/acme/shop/pull/3"));
            assertFalse(pr.getHtmlUrl().toString().contains("/api/v3"));
            assertEquals(List.of("GET /user", "GET /repos/acme/shop", "GET /repos/acme/shop/pulls/3",
                    "GET /repos/acme/shop/issues/3/comments",
                    "GET /repos/acme/shop/issues/3/comments?page=2&per_page=2",
                    "POST /repos/acme/shop/pulls/3/reviews"),
                    ghes.requests().stream().map(r -> r.method() + " " + r.path()).toList());
            assertThrows(GHFileNotFoundException.class,
                    () -> client(ghes.apiUrl().replace("/api/v3", ""), "t").getRepository("acme/shop"));
        }
    }

    @Test
    void positionBasedCommentsAreAnchoredToo() throws IOException {
        pr7().createReview().commitId(HEAD).event(GHPullRequestReviewEvent.COMMENT)
                .comment("on the added line", "db/schema.sql", 4).create();
        FakeGitHub.ReviewComment stored = fake.reviewComments(7).get(0);
        assertEquals(12, stored.line());
        assertEquals("RIGHT", stored.side());
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> bodies(HttpResponse<String> response) throws IOException {
        JsonNode array = JSON.readTree(response.body());
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).get("body").asText()).toList();
    }
}
