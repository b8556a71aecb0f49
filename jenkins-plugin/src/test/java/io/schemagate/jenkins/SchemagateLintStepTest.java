package io.schemagate.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.github.testing.FakeGitHub;
import io.schemagate.gitlab.testing.FakeGitLab;
import io.schemagate.gitlab.testing.FakeGitLab.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemagateLint step of the shared library, run by JenkinsPipelineUnit with a real shell, the real CLI, the
 * local PostgreSQL and local servers standing in for GitHub and GitLab: pull-request and branch builds, the gate as
 * FAILURE or UNSTABLE, tokens bound from the credentials store and never printed.
 */
class SchemagateLintStepTest {
    static final String GITHUB_TOKEN = "ghp_jenkins_bot_token_9876";
    static final String GITLAB_TOKEN = "glpat-jenkins-bot-1357";
    static final int PR = 12;

    @TempDir
    Path temp;

    @BeforeAll
    static void database() {
        LocalPostgres.require();
    }

    /** A scripted Jenkinsfile: the step, then a line that runs only if the pipeline goes on. */
    private static String jenkinsfile(String stepArguments) {
        return "@Library('schemagate') _\n"
                + "def result = schemagateLint(" + stepArguments + ")\n"
                + "echo \"after the step: ${result}\"\n"
                + "return result\n";
    }

    private static String arguments(Workspace ws, String more) {
        return "dir: 'db/migrations', devUrl: '" + LocalPostgres.URL + "', command: '" + ws.command + "'"
                + (more.isEmpty() ? "" : ", " + more);
    }

    private PipelineSandbox branchBuild(Workspace ws) throws Exception {
        PipelineSandbox build = new PipelineSandbox(temp, ws.root);
        build.env.put("JENKINS_URL", "https://ci.example.com/");
        build.env.put("BRANCH_NAME", "feature/drop-name");
        build.env.put("GIT_COMMIT", ws.headSha);
        return build;
    }

    @Test
    void aBranchBuildFailsOnTheGateByDefaultRecordsTheReportsAndPostsNothing() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build build = branchBuild(ws).run(jenkinsfile(arguments(ws, "latest: 1")));

        assertEquals("FAILURE", build.result(), build.log());
        assertTrue(build.log().contains("DS103"), build.log());
        assertTrue(build.log().contains("ERROR: schemagateLint: the gate failed (exit 1): 1 error and 0 warnings"),
                build.log());
        assertFalse(build.log().contains("after the step"), "error stops the pipeline: " + build.log());
        assertTrue(Files.readString(ws.root.resolve("schemagate-reports/junit.xml")).contains("DS103"));
        assertTrue(Files.readString(ws.root.resolve("schemagate-reports/schemagate.sarif")).contains("DS103"));
        assertEquals(List.of(Map.of("testResults", "schemagate-reports/junit.xml", "allowEmptyResults", true,
                "skipMarkingBuildUnstable", true)), build.calls("junit"));
        assertEquals(List.of("schemagate-reports/junit.xml", "schemagate-reports/report.json",
                "schemagate-reports/report.md", "schemagate-reports/schemagate.sarif", "schemagate-reports/summary.env"),
                build.archived());
        assertEquals(List.of(), build.calls("withCredentials"), "no credentials asked for, none bound");
    }

    @Test
    void aGithubPullRequestGetsItsReviewWithTheBoundTokenAndTheGateMarksTheBuildUnstable() throws Exception {
        Workspace ws = new Workspace(temp);
        try (FakeGitHub github = ws.github(GITHUB_TOKEN, PR)) {
            String origin = github.apiUrl().replace("/api/v3", "");
            PipelineSandbox sandbox = ws.changeRequestBuild(temp, origin + "/acme/shop/pull/" + PR, Integer.toString(PR));
            sandbox.credentials.put("github-bot", GITHUB_TOKEN);
            String jenkinsfile = jenkinsfile(arguments(ws, "githubCredentialsId: 'github-bot', gate: 'unstable'"));

            PipelineSandbox.Build build = sandbox.run(jenkinsfile);

            assertEquals("UNSTABLE", build.result(), build.log());
            assertTrue(build.log().contains("WARNING: schemagateLint: the gate failed (exit 1)"), build.log());
            assertTrue(build.log().contains("after the step"), "unstable lets the pipeline go on: " + build.log());
            assertEquals(Map.of("exitCode", 1, "errors", 1, "warnings", 0, "result", "UNSTABLE"), build.returned());
            assertTrue(build.log().contains("schemagate: pull request #12: summary comment"), build.log());
            assertEquals(1, github.issueComments(PR).size());
            assertTrue(github.issueComments(PR).get(0).body().contains("DS103"));
            assertEquals(List.of(ws.headSha), github.reviews(PR).stream().map(r -> r.commitId()).distinct().toList(),
                    "reviewed on the pull request's head, not on Jenkins's merge commit");
            assertFalse(build.log().contains(GITHUB_TOKEN), build.log());

            PipelineSandbox.Build again = ws.changeRequestBuild(temp, origin + "/acme/shop/pull/" + PR, Integer.toString(PR))
                    .withCredential("github-bot", GITHUB_TOKEN).run(jenkinsfile);
            assertEquals("UNSTABLE", again.result(), again.log());
            assertEquals(1, github.issueComments(PR).size(), "a rebuild updates the summary comment");
        }
    }

    @Test
    void aGitlabMergeRequestGetsItsNoteWithTheBoundToken() throws Exception {
        Workspace ws = new Workspace(temp);
        try (FakeGitLab gitlab = FakeGitLab.start("42").acceptToken(GITLAB_TOKEN, 501, "project_42_bot", Access.RESOLVE)
                .mergeRequest(3, ws.baseSha, ws.baseSha, ws.headSha)
                .diff(3, Workspace.NEW_FILE, true,
                        "@@ -0,0 +1,2 @@\n+-- the name moves to profiles\n+ALTER TABLE users DROP COLUMN name;\n")) {
            PipelineSandbox sandbox = ws.changeRequestBuild(temp, gitlab.serverUrl() + "/acme/shop/-/merge_requests/3", "3")
                    .withCredential("gitlab-bot", GITLAB_TOKEN);

            PipelineSandbox.Build build = sandbox.run(jenkinsfile(arguments(ws, "gitlabCredentialsId: 'gitlab-bot'")));

            assertEquals("FAILURE", build.result(), build.log());
            assertTrue(build.log().contains("schemagate: merge request !3: summary note"), build.log());
            assertEquals(1, gitlab.notes(3).stream().filter(n -> n.path() == null).count());
            assertFalse(build.log().contains(GITLAB_TOKEN), build.log());
        }
    }

    @Test
    void failOnNeverPassesReturnsTheCountsAndHandsTheSarifToWarningsNg() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build build = branchBuild(ws).run(jenkinsfile(arguments(ws,
                "latest: 1, failOn: 'never', warningsNg: true, reportDir: 'build/lint'")));

        assertEquals("SUCCESS", build.result(), build.log());
        assertEquals(Map.of("exitCode", 0, "errors", 1, "warnings", 0, "result", "SUCCESS"), build.returned());
        assertEquals(List.of(Map.of("tools", List.of(Map.of("id", "schemagate", "name", "schemagate",
                "pattern", "build/lint/schemagate.sarif")))), build.calls("recordIssues"));
        assertTrue(Files.readString(ws.root.resolve("build/lint/schemagate.sarif")).contains("DS103"));
    }

    @Test
    void theDevUrlWithItsPasswordComesFromTheCredentialsStoreAndIsNeverPrinted() throws Exception {
        Workspace ws = new Workspace(temp);
        String password = "dev-db-pw-8642";
        // The local server trusts its clients, so the password logs in; it must never be printed.
        PipelineSandbox sandbox = branchBuild(ws)
                .withCredential("dev-db", LocalPostgres.URL.replace("postgres@", "postgres:" + password + "@"));

        PipelineSandbox.Build build = sandbox.run(jenkinsfile("dir: 'db/migrations', latest: 1, failOn: 'never',"
                + " devUrlCredentialsId: 'dev-db', command: '" + ws.command + "'"));

        assertEquals("SUCCESS", build.result(), build.log());
        assertTrue(build.log().contains("DS103"), build.log());
        assertFalse(build.log().contains(password), build.log());
        assertFalse(build.log().contains("--dev-url"), "the URL is not on the command line: " + build.log());
    }

    @Test
    void aDirectoryNameWithSpacesAndQuotesReachesTheCliWhole() throws Exception {
        Workspace ws = new Workspace(temp);
        Path odd = ws.root.resolve("db/it's a \"dir\" $(touch pwned)");
        Files.createDirectories(odd.getParent());
        Files.move(ws.root.resolve(Workspace.DIR), odd);

        PipelineSandbox.Build build = branchBuild(ws).run(jenkinsfile(
                "dir: 'db/it\\'s a \"dir\" $(touch pwned)', latest: 1, failOn: 'never', devUrl: '" + LocalPostgres.URL
                        + "', command: '" + ws.command + "'"));

        assertEquals("SUCCESS", build.result(), build.log());
        assertTrue(build.log().contains("DS103"), build.log());
        assertFalse(Files.exists(ws.root.resolve("pwned")), "nothing in an argument runs as a command");
    }

    @Test
    void anUnknownCredentialsIdFailsNamingIt() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build build = branchBuild(ws)
                .run(jenkinsfile(arguments(ws, "latest: 1, githubCredentialsId: 'no-such-token'")));

        assertEquals("FAILURE", build.result(), build.log());
        assertTrue(build.log().contains("no-such-token"), build.log());
    }

    @Test
    void aMistakeInTheStepArgumentsFailsWithOneLineBeforeAnythingRuns() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build unknown = branchBuild(ws).run(jenkinsfile(arguments(ws, "failon: 'warning'")));
        PipelineSandbox.Build badGate = branchBuild(ws).run(jenkinsfile(arguments(ws, "gate: 'ignore'")));

        assertEquals("FAILURE", unknown.result());
        assertTrue(unknown.log().contains("ERROR: schemagateLint: unknown argument failon; known: "), unknown.log());
        assertEquals("FAILURE", badGate.result());
        assertTrue(badGate.log().contains("ERROR: schemagateLint: gate must be one of error, unstable, not 'ignore'"),
                badGate.log());
        assertEquals(List.of(), unknown.calls("sh"));
        assertEquals(List.of(), badGate.calls("sh"));
    }

    @Test
    void badInputAndAMissingCommandFailTheBuildWhateverTheGate() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build badUrl = branchBuild(ws).run(jenkinsfile("dir: 'db/migrations', latest: 1,"
                + " gate: 'unstable', devUrl: 'nosuch://db', command: '" + ws.command + "'"));
        PipelineSandbox.Build noCli = branchBuild(ws).run(jenkinsfile("dir: 'db/migrations', gate: 'unstable',"
                + " command: '" + temp.resolve("missing/schemagate") + "'"));

        assertEquals("FAILURE", badUrl.result(), badUrl.log());
        assertTrue(badUrl.log().contains("ERROR: schemagateLint: bad input or usage (exit 2)"), badUrl.log());
        assertEquals("FAILURE", noCli.result(), noCli.log());
        assertTrue(noCli.log().contains("ERROR: schemagateLint: schemagate could not be run (exit 127)"), noCli.log());
    }

    @Test
    void aReportDirectoryThatIsASymbolicLinkIsRefusedAndNothingIsWrittenOrArchivedThroughIt() throws Exception {
        Workspace ws = new Workspace(temp);
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("id_rsa"), "not for the build page");
        Files.createSymbolicLink(ws.root.resolve("schemagate-reports"), outside); // as a pull request could commit it

        PipelineSandbox.Build build = branchBuild(ws).run(jenkinsfile(arguments(ws, "latest: 1")));

        assertEquals("FAILURE", build.result(), build.log());
        assertTrue(build.log().contains("schemagate-reports is a symbolic link: schemagate does not write reports through"
                + " one"), build.log());
        assertTrue(build.log().contains("ERROR: schemagateLint: bad input or usage (exit 2)"), build.log());
        assertEquals(List.of("id_rsa"), Files.list(outside).map(f -> f.getFileName().toString()).toList());
        assertEquals(List.of(), build.archived());
    }

    @Test
    void onlyTheReportsAreArchivedWhateverElseThePullRequestPutNextToThem() throws Exception {
        Workspace ws = new Workspace(temp);
        Path reports = Files.createDirectories(ws.root.resolve("schemagate-reports"));
        Files.writeString(reports.resolve("TEST-planted.xml"), "<testsuite/>");
        Files.createSymbolicLink(reports.resolve("hostname.txt"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(reports.resolve("junit.xml"), Path.of("/etc/hostname")); // replaced by the real one

        PipelineSandbox.Build build = branchBuild(ws).run(jenkinsfile(arguments(ws, "latest: 1, failOn: 'never'")));

        assertEquals("SUCCESS", build.result(), build.log());
        assertEquals(List.of("schemagate-reports/junit.xml", "schemagate-reports/report.json",
                "schemagate-reports/report.md", "schemagate-reports/schemagate.sarif", "schemagate-reports/summary.env"),
                build.archived());
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("DS103"));
        assertFalse(Files.isSymbolicLink(reports.resolve("junit.xml")));
    }

    @Test
    void exitOneWithoutThisRunsSummaryIsAFailureNotTheGateEvenWithAStaleSummaryLeftBehind() throws Exception {
        Workspace ws = new Workspace(temp);
        Path reports = Files.createDirectories(ws.root.resolve("schemagate-reports"));
        Files.writeString(reports.resolve("summary.env"), "errors=3\nwarnings=0\n");

        // A wrapper that fails on its own, as a missing jar or a too-old Java does (exit 1).
        PipelineSandbox.Build build = branchBuild(ws).run(jenkinsfile("dir: 'db/migrations', gate: 'unstable',"
                + " command: 'java -jar /nonexistent/schemagate.jar'"));

        assertEquals("FAILURE", build.result(), build.log());
        assertTrue(build.log().contains("ERROR: schemagateLint: schemagate did not complete (exit 1)"), build.log());
        assertFalse(Files.exists(reports.resolve("summary.env")), "the stale summary was removed before the run");
    }

    @Test
    void aPasswordInALiteralDevUrlStaysOutOfTheTracedLog() throws Exception {
        Workspace ws = new Workspace(temp);
        String password = "literal-dev-pw-1357";
        String devUrl = LocalPostgres.URL.replace("postgres@", "postgres:" + password + "@");

        PipelineSandbox.Build build = branchBuild(ws).run(jenkinsfile("dir: 'db/migrations', latest: 1,"
                + " failOn: 'never', devUrl: '" + devUrl + "', command: '" + ws.command + "'"));

        assertEquals("SUCCESS", build.result(), build.log());
        assertTrue(build.log().contains("+ set +x"), "the script ran traced, as Jenkins runs it: " + build.log());
        assertFalse(build.log().contains(password), build.log());
    }

    @Test
    void aWindowsAgentIsRefusedWithOneLine() throws Exception {
        Workspace ws = new Workspace(temp);
        PipelineSandbox sandbox = branchBuild(ws);
        sandbox.unix = false;

        PipelineSandbox.Build build = sandbox.run(jenkinsfile(arguments(ws, "latest: 1")));

        assertEquals("FAILURE", build.result(), build.log());
        assertTrue(build.log().contains("ERROR: schemagateLint: runs on Linux and macOS agents (sh); this agent is Windows"),
                build.log());
        assertEquals(List.of(), build.calls("sh"));
    }
}
