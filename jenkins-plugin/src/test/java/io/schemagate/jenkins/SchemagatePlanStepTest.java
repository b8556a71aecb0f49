package io.schemagate.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.github.testing.FakeGitHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schemagatePlan step: schema plan in a pull-request build, its own comment on the pull request, the gate on the
 * plan's findings; nothing written to the directory.
 */
class SchemagatePlanStepTest {
    static final String TOKEN = "ghp_jenkins_plan_token_2468";
    static final int PR = 14;

    @TempDir
    Path temp;

    @BeforeAll
    static void database() {
        LocalPostgres.require();
    }

    private static String jenkinsfile(Workspace ws, String more) {
        return "@Library('schemagate') _\n"
                + "def plan = schemagatePlan(dir: 'db/migrations', to: 'file://db/schema.sql', devUrl: '"
                + LocalPostgres.URL + "', githubCredentialsId: 'github-bot', command: '" + ws.command + "'" + more + ")\n"
                + "echo \"after the step: ${plan}\"\n"
                + "return plan\n";
    }

    @Test
    void thePlanGoesOnThePullRequestAndNothingIsWritten() throws Exception {
        Workspace ws = new Workspace(temp);
        Files.writeString(ws.root.resolve("db/schema.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        List<String> before = files(ws);
        try (FakeGitHub github = ws.github(TOKEN, PR)) {
            String origin = github.apiUrl().replace("/api/v3", "");
            PipelineSandbox build = ws.changeRequestBuild(temp, origin + "/acme/shop/pull/" + PR, Integer.toString(PR))
                    .withCredential("github-bot", TOKEN);

            PipelineSandbox.Build result = build.run(jenkinsfile(ws, ""));

            assertEquals("SUCCESS", result.result(), result.log());
            assertEquals(Map.of("exitCode", 0, "errors", 0, "warnings", 0, "statements", 1,
                    "result", "SUCCESS"), result.returned());
            assertEquals(1, github.issueComments(PR).size(), result.log());
            assertTrue(github.issueComments(PR).get(0).body().startsWith("<!-- schemagate-plan:"),
                    github.issueComments(PR).get(0).body());
            assertTrue(github.issueComments(PR).get(0).body().contains("ADD COLUMN email text"));
            assertEquals(List.of("schemagate-reports/plan.env", "schemagate-reports/plan.json",
                    "schemagate-reports/plan.md"), result.archived());
            assertEquals(before, files(ws), "the directory is left as it was");
        }
    }

    @Test
    void aPlanThatDropsATableMarksTheBuildUnstableWithGateUnstable() throws Exception {
        Workspace ws = new Workspace(temp);
        Files.writeString(ws.root.resolve("db/schema.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        try (FakeGitHub github = ws.github(TOKEN, PR)) {
            String origin = github.apiUrl().replace("/api/v3", "");
            PipelineSandbox build = ws.changeRequestBuild(temp, origin + "/acme/shop/pull/" + PR, Integer.toString(PR))
                    .withCredential("github-bot", TOKEN);

            PipelineSandbox.Build result = build.run(jenkinsfile(ws, ", gate: 'unstable'"));

            assertEquals("UNSTABLE", result.result(), result.log());
            assertTrue(result.log().contains("WARNING: schemagatePlan: the gate failed (exit 1)"), result.log());
            assertTrue(result.log().contains("after the step"), result.log());
            assertTrue(github.issueComments(PR).get(0).body().contains("DS102"), github.issueComments(PR).get(0).body());
        }
    }

    private static List<String> files(Workspace ws) throws Exception {
        try (var list = Files.list(ws.root.resolve(Workspace.DIR))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
