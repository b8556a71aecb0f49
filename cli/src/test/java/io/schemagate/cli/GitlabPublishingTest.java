package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.testing.GitRepo;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.gitlab.testing.FakeGitLab;
import io.schemagate.gitlab.testing.FakeGitLab.Access;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    private static final String TOKEN = "glpat-project-bot-2468";
    private static final String JOB_TOKEN = "glcbt-64_job_token_1357";
    private static final String NEW_FILE = "db/migrations/2_drop_name.sql";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private FakeGitLab gitlab;
    private Path dir;
    private String baseSha;
    private String headSha;

    @BeforeEach
    void mergeRequest() {
        LocalPostgres.require();
        GitRepo repo = GitRepo.init(temp.resolve("project"));
        dir = repo.root.resolve("db/migrations");
        repo.write("db/migrations/1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        hash();
        baseSha = repo.commit("users");
        repo.git("checkout", "-q", "-b", "feature/drop-name");
        repo.write(NEW_FILE, "-- the name moves to profiles\nALTER TABLE users DROP COLUMN name;\n");
        hash();
        headSha = repo.commit("drop users.name");
        gitlab = FakeGitLab.start("42").acceptToken(TOKEN, 501, "project_42_bot", Access.RESOLVE)
                .mergeRequest(3, baseSha, baseSha, headSha)
                .diff(3, NEW_FILE, true, "@@ -0,0 +1,2 @@\n+-- the name moves to profiles\n"
                        + "+ALTER TABLE users DROP COLUMN name;\n")
                .diff(3, "db/migrations/atlas.sum", false, "@@ -1,2 +1,3 @@\n-h1:old=\n+h1:new=\n 1_users.sql h1:x=\n"
                        + "+2_drop_name.sql h1:y=\n");
    }

    @AfterEach
    void stop() {
        if (gitlab != null) {
            gitlab.close();
        }
    }

    private void hash() {
        CliRun run = CliRun.of("migrate", "hash", "--dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    /** The variables GitLab sets in a merge-request pipeline (merged results: CI_COMMIT_SHA is a merge commit). */
    private Map<String, String> pipeline(String token) {
        Map<String, String> env = new HashMap<>();
        env.put("CI", "true");
        env.put("GITLAB_CI", "true");
        env.put("CI_SERVER_URL", gitlab.serverUrl());
        env.put("CI_PROJECT_ID", "42");
        env.put("CI_PIPELINE_SOURCE", "merge_request_event");
        env.put("CI_MERGE_REQUEST_IID", "3");
        env.put("CI_MERGE_REQUEST_DIFF_BASE_SHA", baseSha);
        env.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main");
        env.put("CI_COMMIT_SHA", "e".repeat(40));
        env.put("CI_JOB_TOKEN", JOB_TOKEN);
        if (token != null) {
            env.put("GITLAB_TOKEN", token);
        }
        return env;
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
        // DS103 (the drop) and PG508 (no lock_timeout, with a suggestion) both sit on line 2.
        assertTrue(run.err().contains("; line comments: 2 posted, 0 already there, 0 outside the diff"), run.toString());
        assertEquals(2, gitlab.threads(3).size());
        FakeGitLab.Note thread = gitlab.threads(3).get(0);
        assertEquals(NEW_FILE, thread.path());
        assertEquals(2, thread.line());
        assertEquals(headSha, thread.position().get("head_sha"));
        assertTrue(thread.body().contains("DS103"), thread.body());
        assertTrue(gitlab.threads(3).get(1).body().contains("```suggestion\nSET lock_timeout = '2s';\n"),
                gitlab.threads(3).get(1).body());
        assertTrue(gitlab.notes(3).get(0).body().startsWith("<!-- schemagate:"), gitlab.notes(3).get(0).body());
        assertEquals(NEW_FILE, JSON.readTree(temp.resolve("gl-code-quality-report.json").toFile())
                .at("/0/location/path").asText());
        assertTrue(Files.readString(temp.resolve("schemagate-junit.xml")).contains("type=\"DS103\""));
        assertEquals("errors=1\nwarnings=0\n", Files.readString(temp.resolve("schemagate.env")));
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN));

        CliRun again = lint(pipeline(TOKEN));
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("; line comments: 0 posted, 2 already there"), again.toString());
        assertEquals(2, gitlab.threads(3).size());
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
}
