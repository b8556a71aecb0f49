package io.schemagate.gitlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake over plain HTTP, as another process (the CLI's tests, curl) sees it. */
class FakeGitLabTest {
    private static final String MR = "/api/v4/projects/42/merge_requests/7";
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeGitLab gitlab;

    @BeforeEach
    void start() {
        gitlab = FakeGitLab.start("42").acceptToken("glpat-bot", 77, "bot", FakeGitLab.Access.COMMENT)
                .mergeRequest(7, "a".repeat(40), "b".repeat(40), "c".repeat(40));
        for (int i = 0; i < 5; i++) {
            gitlab.addNote(7, 12, "note " + i, i % 2 == 0);
        }
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gitlab.serverUrl() + path))
                .header("PRIVATE-TOKEN", "glpat-bot");
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsArePagedWithGitLabsHeaders() throws Exception {
        HttpResponse<String> page2 = send("GET", MR + "/notes?per_page=2&page=2", null, null);
        assertEquals(200, page2.statusCode());
        assertEquals("2", page2.headers().firstValue("X-Page").orElseThrow());
        assertEquals("2", page2.headers().firstValue("X-Per-Page").orElseThrow());
        assertEquals("3", page2.headers().firstValue("X-Next-Page").orElseThrow());
        assertEquals("1", page2.headers().firstValue("X-Prev-Page").orElseThrow());
        assertEquals("5", page2.headers().firstValue("X-Total").orElseThrow());
        assertEquals("3", page2.headers().firstValue("X-Total-Pages").orElseThrow());
        String link = page2.headers().firstValue("Link").orElseThrow();
        assertTrue(link.contains("page=3>; rel=\"next\"") && link.contains("page=1>; rel=\"prev\"")
                && link.contains("page=3>; rel=\"last\""), link);
        assertTrue(page2.body().startsWith("[{\"id\":"), page2.body());

        HttpResponse<String> last = send("GET", MR + "/notes?per_page=2&page=3", null, null);
        assertEquals("", last.headers().firstValue("X-Next-Page").orElseThrow());
    }

    @Test
    void writesAreReadFromFormsAndFromJson() throws Exception {
        assertEquals(201, send("POST", MR + "/notes", "application/x-www-form-urlencoded", "body=from+a+form%21")
                .statusCode());
        HttpResponse<String> json = send("POST", MR + "/notes", "application/json", "{\"body\":\"from JSON\"}");
        assertEquals(201, json.statusCode(), json.body());
        List<FakeGitLab.Note> notes = gitlab.notes(7);
        assertEquals(List.of("from a form!", "from JSON"), notes.subList(5, 7).stream().map(FakeGitLab.Note::body)
                .toList());
        assertEquals("from JSON", gitlab.requests().get(1).form().get("body"));
    }

    @Test
    void anUnknownTokenIs401AndAWrongPositionIs400() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(gitlab.serverUrl() + MR))
                .header("PRIVATE-TOKEN", "nope").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unknown.statusCode());
        assertEquals("{\"message\":\"401 Unauthorized\"}", unknown.body());
        HttpResponse<String> wrong = send("POST", MR + "/discussions", "application/json",
                "{\"body\":\"x\",\"position\":{\"position_type\":\"text\",\"base_sha\":\"" + "f".repeat(40)
                        + "\",\"start_sha\":\"b\",\"head_sha\":\"c\",\"new_path\":\"a.sql\",\"new_line\":1}}");
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("must be a valid line code"), wrong.body());
        assertEquals("1", gitlab.requests().get(1).form().get("position[new_line]"));
    }

    @Test
    void discussionsGroupNotesAndRequestsKeepHeadersButNoCredential() throws Exception {
        String thread = gitlab.addThread(7, 77, "db/migrations/1.sql", 1, "first");
        assertEquals(201, send("POST", MR + "/discussions/" + thread + "/notes", "application/x-www-form-urlencoded",
                "body=reply").statusCode());

        List<FakeGitLab.Discussion> discussions = gitlab.discussions(7);
        assertEquals(6, discussions.size());
        assertTrue(discussions.subList(0, 5).stream().allMatch(FakeGitLab.Discussion::individualNote));
        FakeGitLab.Discussion last = discussions.get(5);
        assertEquals(thread, last.id());
        assertEquals(List.of("first", "reply"), last.notes().stream().map(FakeGitLab.Note::body).toList());

        FakeGitLab.Request request = gitlab.requests().get(0);
        assertEquals(FakeGitLab.Request.MASKED, request.header("private-token"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertTrue(request.headers().values().stream().flatMap(List::stream).noneMatch(v -> v.contains("glpat-")));
    }

    @Test
    void aFailureIsAnsweredOnceThenTheUsualAnswerComesBack() throws Exception {
        gitlab.failNext("GET", "/projects/42/merge_requests/7", 502, "text/html", "<html>Bad Gateway</html>");
        HttpResponse<String> failed = send("GET", MR, null, null);
        assertEquals(502, failed.statusCode());
        assertEquals("<html>Bad Gateway</html>", failed.body());
        HttpResponse<String> ok = send("GET", MR, null, null);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"diff_refs\":{"), ok.body());
        assertEquals(2, gitlab.requests().size(), "both recorded");
        assertEquals(gitlab.serverUrl() + "/api/v4", gitlab.apiUrl());
    }

    @Test
    void aProjectStartedByItsPathAnswersToThePathAndToItsId() throws Exception {
        try (FakeGitLab byPath = FakeGitLab.start("group/sub/app").acceptToken("glpat-bot")
                .mergeRequest(3, "a".repeat(40), "b".repeat(40), "c".repeat(40))) {
            for (String project : List.of("group%2Fsub%2Fapp", Long.toString(FakeGitLab.DEFAULT_PROJECT_ID))) {
                HttpResponse<String> mr = http.send(HttpRequest.newBuilder(URI.create(byPath.apiUrl() + "/projects/"
                        + project + "/merge_requests/3")).header("PRIVATE-TOKEN", "glpat-bot").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, mr.statusCode(), mr.body());
                assertTrue(mr.body().contains("\"project_id\":4242") && mr.body().contains("/group/sub/app/-/merge_requests/3"),
                        mr.body());
            }
        }
    }
}
