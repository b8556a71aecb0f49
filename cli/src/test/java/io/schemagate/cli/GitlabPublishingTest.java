package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.gitlab.testing.FakeGitLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate lint} in a GitLab merge-request pipeline: a real repository whose branch drops a column, the local
 * PostgreSQL, and {@link FakeGitLab} standing in for the instance at {@code CI_SERVER_URL}.
 */
class GitlabPublishingTest {
    private static final String TOKEN = MergeRequestScenario.TOKEN;
    private static final String JOB_TOKEN = MergeRequestScenario.JOB_TOKEN;
    private static final String NEW_FILE = MergeRequestScenario.NEW_FILE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private MergeRequestScenario scenario;
    private FakeGitLab gitlab;
    private Path dir;
    private String headSha;

    @BeforeEach
    void mergeRequest() {
        LocalPostgres.require();
        scenario = new MergeRequestScenario(temp.resolve("project"));
        gitlab = scenario.gitlab;
        dir = scenario.dir;
        headSha = scenario.headSha;
    }

    @AfterEach
    void stop() {
        if (scenario != null) {
            scenario.close();
        }
    }

    private Map<String, String> pipeline(String token) {
        return scenario.pipeline(token);
    }

    private CliRun lint(Map<String, String> env, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("migrate", "lint", "--dir", dir.toString(), "--dev-url",
                LocalPostgres.URL, "--report", "codequality=" + temp.resolve("gl-code-quality-report.json"),
                "--report", "junit=" + temp.resolve("schemagate-junit.xml"), "--report",
                "dotenv=" + temp.resolve("schemagate.env")));
        args.addAll(List.of(more));
        return CliRun.in(env, args.toArray(String[]::new));
    }

    @Test
    void lintPostsTheNoteAndAThreadWritesTheReportsAndFailsTheGate() throws IOException {
        CliRun run = lint(pipeline(TOKEN));

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("schemagate: merge request !3: summary note " + gitlab.serverUrl()
                + "/acme/shop/-/merge_requests/3#note_"), run.toString());
        // DS103 (the drop) on line 2, with PG508 (no lock_timeout, its SET suggestion) folded into it.
        assertTrue(run.err().contains("; line comments: 1 posted, 0 already there, 0 outside the diff"), run.toString());
        assertEquals(1, gitlab.threads(3).size());
        FakeGitLab.Note thread = gitlab.threads(3).get(0);
        assertEquals(NEW_FILE, thread.path());
        assertEquals(2, thread.line());
        assertEquals(headSha, thread.position().get("head_sha"));
        assertTrue(thread.body().contains("DS103"), thread.body());
        assertTrue(thread.body().contains("```suggestion\nSET lock_timeout = '2s';\nSET statement_timeout = '5min';\n"),
                thread.body());
        assertTrue(gitlab.notes(3).get(0).body().startsWith("<!-- schemagate:"), gitlab.notes(3).get(0).body());
        assertEquals(NEW_FILE, JSON.readTree(temp.resolve("gl-code-quality-report.json").toFile())
                .at("/0/location/path").asText());
        assertTrue(Files.readString(temp.resolve("schemagate-junit.xml")).contains("type=\"DS103\""));
        assertEquals("errors=1\nwarnings=0\n", Files.readString(temp.resolve("schemagate.env")));
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN));

        CliRun again = lint(pipeline(TOKEN));
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("; line comments: 0 posted, 1 already there"), again.toString());
        assertEquals(1, gitlab.threads(3).size());
        assertEquals(1, gitlab.notes(3).stream().filter(n -> n.path() == null).count(), "one summary note");
    }

    @Test
    void withOnlyTheJobTokenLintExplainsWhichTokenItNeedsAndStillGates() throws IOException {
        CliRun run = lint(pipeline(null));

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("schemagate: warning: CI_JOB_TOKEN cannot post notes on merge request !3; give"
                + " the job a project or group access token (or a personal one) with the api scope and at least the"
                + " Reporter role"), run.toString());
        assertEquals(List.of(), gitlab.requests(), "no call that could only fail");
        assertEquals("errors=1\nwarnings=0\n", Files.readString(temp.resolve("schemagate.env")));

        CliRun given = lint(pipeline(null), "--gitlab-token", JOB_TOKEN);
        assertTrue(given.err().contains("CI_JOB_TOKEN cannot post notes"), given.toString());
        assertFalse(given.err().contains(JOB_TOKEN), given.toString());
        assertEquals(List.of(), gitlab.requests());
    }

    @Test
    void apiFailuresAreWarningsThatNeverChangeTheVerdict() {
        CliRun wrong = lint(pipeline("glpat-revoked-0000"));
        assertEquals(1, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("schemagate: warning: could not read merge request !3 of project 42: GitLab"
                + " rejected the token (401"), wrong.toString());
        assertFalse(wrong.err().contains("glpat-revoked-0000"), wrong.toString());

        Map<String, String> clean = pipeline("glpat-revoked-0000");
        CliRun passing = lint(clean, "--fail-on", "never");
        assertEquals(0, passing.exitCode(), passing.toString());
    }

    @Test
    void noCommentFlagAndBranchPipelinesPostNothing() {
        CliRun off = lint(pipeline(TOKEN), "--no-gitlab-comment");
        assertEquals(1, off.exitCode(), off.toString());
        Map<String, String> branch = pipeline(TOKEN);
        branch.put("CI_PIPELINE_SOURCE", "push");
        branch.remove("CI_MERGE_REQUEST_IID");
        branch.remove("CI_MERGE_REQUEST_DIFF_BASE_SHA");
        branch.remove("CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
        CliRun push = lint(branch);
        assertEquals(1, push.exitCode(), push.toString());
        assertEquals(List.of(), gitlab.requests());
        assertFalse(push.err().contains("merge request"), push.toString());
    }

    /**
     * A dev URL with the password {@code schemagate} (the lint component's default until now): a secret to hide, yet
     * also the word in every hidden marker and tag. Masking it there made each re-run post a new note and every thread
     * again.
     */
    @Test
    void aDevPasswordThatIsAWordOfTheMarkersDoesNotMaskThem() throws IOException {
        String devUrl = "postgres://postgres:schemagate@127.0.0.1:5432/postgres?sslmode=disable"; // trust: any password
        Map<String, String> env = new java.util.HashMap<>(pipeline(TOKEN));
        env.put("SCHEMAGATE_DEV_URL", devUrl);
        List<String> args = List.of("migrate", "lint", "--dir", dir.toString(), "--dev-url", devUrl);

        CliRun run = CliRun.in(env, args.toArray(String[]::new));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(gitlab.notes(3).get(0).body().startsWith("<!-- schemagate:"), gitlab.notes(3).get(0).body());
        assertTrue(gitlab.threads(3).get(0).body().startsWith("<!-- schemagate:finding "), gitlab.threads(3).get(0).body());
        // (The password stays masked everywhere else, the docs links and the log's "schemagate:" prefix included.)
        assertTrue(run.err().contains(": merge request !3: summary note"), run.toString());

        CliRun again = CliRun.in(env, args.toArray(String[]::new));
        assertTrue(again.err().contains("; line comments: 0 posted, 1 already there"), again.toString());
        assertEquals(1, gitlab.threads(3).size());
        assertEquals(1, gitlab.notes(3).stream().filter(n -> n.path() == null).count(), "one summary note");
    }
}
