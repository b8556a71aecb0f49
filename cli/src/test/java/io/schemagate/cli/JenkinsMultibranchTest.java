package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate lint} in a Jenkins multibranch build of a pull or merge request: the change comes from
 * {@code CHANGE_URL}, the token from the variable {@code withCredentials} binds, and the same publishers as the
 * GitHub Action and the GitLab component post to the local fake servers; JUnit and SARIF go to files for the junit
 * and warnings-ng plugins, and the exit code gates the build.
 */
class JenkinsMultibranchTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void service() {
        LocalPostgres.require();
    }

    /** What a multibranch pipeline sets for a change request build (plus the bound token). */
    private static Map<String, String> jenkins(String changeUrl, String changeId, String tokenVariable, String token) {
        Map<String, String> env = new HashMap<>();
        env.put("JENKINS_URL", "https://ci.example.com/");
        env.put("BUILD_URL", "https://ci.example.com/job/shop/job/PR-" + changeId + "/1/");
        env.put("BRANCH_NAME", "PR-" + changeId);
        env.put("BRANCH_IS_PRIMARY", "false");
        env.put("CHANGE_ID", changeId);
        env.put("CHANGE_URL", changeUrl);
        env.put("CHANGE_TARGET", "main");
        env.put("CHANGE_BRANCH", "feature/drop-name");
        env.put("GIT_COMMIT", "c".repeat(40)); // the merge with the target Jenkins built: must not be used
        env.put(tokenVariable, token);
        return env;
    }

    private CliRun lint(Map<String, String> env, Path dir) {
        return CliRun.in(env, "migrate", "lint", "--dir", dir.toString(), "--dev-url", LocalPostgres.URL,
                "--git-base", "main", "--report", "junit=" + temp.resolve("schemagate-junit.xml"),
                "--report", "sarif=" + temp.resolve("schemagate.sarif"));
    }

    @Test
    void aGithubEnterprisePullRequestGetsItsReviewAndTheBuildFails() throws Exception {
        try (PullRequestScenario pr = new PullRequestScenario(temp.resolve("gh"), "/api/v3")) {
            String origin = pr.github.apiUrl().replace("/api/v3", "");
            Map<String, String> env = jenkins(origin + "/acme/shop/pull/" + PullRequestScenario.PR,
                    Integer.toString(PullRequestScenario.PR), "GITHUB_TOKEN", PullRequestScenario.TOKEN);

            CliRun run = lint(env, pr.workspace.resolve("db/migrations"));

            assertEquals(1, run.exitCode(), run.toString()); // DS103 fails the gate
            assertTrue(run.err().contains("schemagate: pull request #7: summary comment"), run.toString());
            assertEquals(1, pr.github.issueComments(PullRequestScenario.PR).size());
            // The review is on the pull request's head, from the API, not on Jenkins's merge commit.
            assertEquals(List.of(pr.headSha), pr.github.reviews(PullRequestScenario.PR).stream()
                    .map(r -> r.commitId()).distinct().toList());
            assertTrue(Files.readString(temp.resolve("schemagate-junit.xml")).contains("DS103"));
            assertTrue(Files.readString(temp.resolve("schemagate.sarif")).contains("\"ruleId\" : \"DS103\"")
                    || Files.readString(temp.resolve("schemagate.sarif")).contains("\"ruleId\":\"DS103\""));

            CliRun again = lint(env, pr.workspace.resolve("db/migrations"));
            assertEquals(1, again.exitCode(), again.toString());
            assertEquals(1, pr.github.issueComments(PullRequestScenario.PR).size(), "the summary is upserted");
        }
    }

    /** schema plan finds the pull request as lint does (CHANGE_URL), and keeps its own comment beside lint's. */
    @Test
    void schemaPlanCommentsOnTheSamePullRequest() throws Exception {
        try (PullRequestScenario pr = new PullRequestScenario(temp.resolve("gh"), "/api/v3",
                "db/migrations/20250101000000_drop_name.sql")) {
            String origin = pr.github.apiUrl().replace("/api/v3", "");
            Map<String, String> env = jenkins(origin + "/acme/shop/pull/" + PullRequestScenario.PR,
                    Integer.toString(PullRequestScenario.PR), "GITHUB_TOKEN", PullRequestScenario.TOKEN);
            assertEquals(1, lint(env, pr.workspace.resolve("db/migrations")).exitCode());
            Files.writeString(pr.workspace.resolve("db/schema.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, age int);\n");
            String[] plan = {"schema", "plan", "--dir", pr.workspace.resolve("db/migrations").toString(), "--dev-url",
                LocalPostgres.URL, "--to", "file://" + pr.workspace.resolve("db/schema.sql")};

            CliRun run = CliRun.in(env, plan);
            CliRun again = CliRun.in(env, plan);

            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.err().contains("schemagate: pull request #7: plan comment "), run.toString());
            assertEquals(0, again.exitCode(), again.toString());
            List<String> bodies = pr.github.issueComments(PullRequestScenario.PR).stream().map(c -> c.body()).toList();
            assertEquals(2, bodies.size(), bodies.toString());
            assertTrue(bodies.get(0).startsWith("<!-- schemagate:") && bodies.get(1).startsWith("<!-- schemagate-plan:"),
                    bodies.toString());
            assertTrue(bodies.get(1).contains("ADD COLUMN age integer;"), bodies.get(1));
        }
    }

    @Test
    void aGitlabMergeRequestGetsItsNoteFoundByPath() throws Exception {
        try (MergeRequestScenario mr = new MergeRequestScenario(temp.resolve("gl"))) {
            Map<String, String> env = jenkins(mr.gitlab.serverUrl() + "/acme/shop/-/merge_requests/" + MergeRequestScenario.IID,
                    Long.toString(MergeRequestScenario.IID), "GITLAB_TOKEN", MergeRequestScenario.TOKEN);

            CliRun run = lint(env, mr.dir);

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains("schemagate: merge request !3: summary note"), run.toString());
            // One summary note (no diff position) and the diff threads of the new file.
            assertEquals(1, mr.gitlab.notes(MergeRequestScenario.IID).stream().filter(n -> n.path() == null).count());
            assertEquals(1, mr.gitlab.threads(MergeRequestScenario.IID).size(), run.toString());
            assertTrue(mr.gitlab.threads(MergeRequestScenario.IID).stream()
                    .allMatch(n -> n.path().equals(MergeRequestScenario.NEW_FILE)));
        }
    }

    @Test
    void aBranchBuildPostsNothingAndStillGates() throws Exception {
        try (PullRequestScenario pr = new PullRequestScenario(temp.resolve("branch"))) {
            Map<String, String> env = new HashMap<>();
            env.put("JENKINS_URL", "https://ci.example.com/");
            env.put("BRANCH_NAME", "main");
            env.put("BRANCH_IS_PRIMARY", "true");
            env.put("GITHUB_TOKEN", PullRequestScenario.TOKEN);

            CliRun run = lint(env, pr.workspace.resolve("db/migrations"));

            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(List.of(), pr.github.requests(), "no pull request, no API call");
        }
    }

    @Test
    void withoutATokenThePullRequestBuildSaysHowToBindOneAndStillGates() throws Exception {
        try (PullRequestScenario pr = new PullRequestScenario(temp.resolve("notoken"))) {
            Map<String, String> env = jenkins(pr.github.apiUrl() + "/acme/shop/pull/" + PullRequestScenario.PR,
                    Integer.toString(PullRequestScenario.PR), "UNRELATED", "x");
            env.put("SCHEMAGATE_GITHUB_API_URL", pr.github.apiUrl());

            CliRun run = lint(env, pr.workspace.resolve("db/migrations"));

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains("schemagate: warning: no GitHub token: nothing was posted on pull request #7;"
                    + " bind GITHUB_TOKEN with withCredentials"), run.toString());
            assertEquals(List.of(), pr.github.requests(), "no token, no API call");
        }
    }

    @Test
    void withoutATokenTheMergeRequestBuildSaysHowToBindOne() throws Exception {
        try (MergeRequestScenario mr = new MergeRequestScenario(temp.resolve("gl-notoken"))) {
            Map<String, String> env = jenkins(mr.gitlab.serverUrl() + "/acme/shop/-/merge_requests/" + MergeRequestScenario.IID,
                    Long.toString(MergeRequestScenario.IID), "UNRELATED", "x");

            CliRun run = lint(env, mr.dir);

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains("schemagate: warning: no GitLab token: nothing was posted on merge request !3;"
                    + " bind GITLAB_TOKEN with withCredentials"), run.toString());
            assertEquals(List.of(), mr.gitlab.notes(MergeRequestScenario.IID));
        }
    }

    @Test
    void theDevUrlMayComeFromABoundSecretAndItsPasswordIsNeverPrinted() throws Exception {
        try (PullRequestScenario pr = new PullRequestScenario(temp.resolve("devurl"))) {
            String password = "jenkins-dev-pw-4711";
            Map<String, String> env = new HashMap<>();
            env.put("JENKINS_URL", "https://ci.example.com/");
            env.put("BRANCH_NAME", "main");
            // The local server trusts its clients, so any password logs in; it must still never be printed.
            env.put("SCHEMAGATE_DEV_URL", LocalPostgres.URL.replace("postgres@", "postgres:" + password + "@"));

            CliRun run = CliRun.in(env, "migrate", "lint", "--dir", pr.workspace.resolve("db/migrations").toString(),
                    "--latest", "1", "--format", "json");

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.out().contains("on postgres://postgres:****@127.0.0.1:5432/postgres"), run.toString());
            assertTrue(run.out().contains("DS103"), run.toString());
            assertFalse(run.toString().contains(password), run.toString());
        }
    }
}
