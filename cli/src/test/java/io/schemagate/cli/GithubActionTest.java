package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.github.testing.FakeGitHub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.schemagate.core.testing.RegistryProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action as GitHub runs it, in process: no arguments, {@code GITHUB_ACTIONS=true}, inputs in {@code INPUT_*},
 * a workspace holding a git repository whose pull request adds a risky migration, the local PostgreSQL as dev
 * database and a local server standing in for GitHub.
 */
class GithubActionTest {
    private static final String TOKEN = PullRequestScenario.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PR = PullRequestScenario.PR;

    @TempDir
    Path temp;
    private PullRequestScenario scenario;
    private Path workspace;
    private Path files;
    private FakeGitHub github;
    private String baseSha;
    private String headSha;

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    @BeforeEach
    void pullRequest() throws Exception {
        scenario = new PullRequestScenario(temp);
        workspace = scenario.workspace;
        files = scenario.files;
        github = scenario.github;
        baseSha = scenario.baseSha;
        headSha = scenario.headSha;
    }

    @AfterEach
    void stop() {
        scenario.close();
    }

    /** In process the working directory cannot move into the workspace, so the inputs name it. */
    Map<String, String> env() {
        return scenario.env(workspace.toString(), files.toString(), workspace.toString());
    }

    static CliRun action(Map<String, String> env) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[0], new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false), env);
        return new CliRun(code, out.toString(), err.toString());
    }

    Map<String, String> outputs() throws Exception {
        return scenario.outputs();
    }

    @Test
    void aRiskyPullRequestGetsCommentReviewSummaryOutputsAndARedCheck() throws Exception {
        CliRun run = action(env());

        assertEquals(1, run.exitCode(), run.toString());
        // The report names the file as the inputs did; annotations need it relative to the repository.
        assertTrue(run.out().contains(workspace.resolve("db/migrations/2_drop_name.sql") + ":2:1: error DS103"), run.out());
        assertTrue(run.out().contains("::error file=db/migrations/2_drop_name.sql,line=2,col=1,title=DS103::"), run.out());
        assertFalse(run.out().contains("::warning title=schemagate"), run.out());
        assertTrue(run.err().contains("--git-base " + baseSha), run.err());

        assertEquals(1, github.issueComments(PR).size());
        String comment = github.issueComments(PR).get(0).body();
        assertTrue(comment.contains("❌ **1 error**"), comment);
        assertEquals(1, github.reviews(PR).size());
        assertEquals(headSha, github.reviews(PR).get(0).commitId());
        List<FakeGitHub.ReviewComment> lines = github.reviewComments(PR);
        assertEquals(List.of("db/migrations/2_drop_name.sql"), lines.stream().map(FakeGitHub.ReviewComment::path).distinct().toList());
        assertTrue(lines.stream().anyMatch(c -> c.line() == 2 && c.body().contains("DS103")), lines.toString());

        String summary = Files.readString(files.resolve("summary.md"));
        assertTrue(summary.contains("DS103") && summary.contains("❌ **1 error**"), summary);

        Map<String, String> outputs = outputs();
        assertEquals("1", outputs.get("errors"));
        assertTrue(outputs.get("comment-url").endsWith("#issuecomment-" + github.issueComments(PR).get(0).id()),
                outputs.get("comment-url"));
        JsonNode report = JSON.readTree(workspace.resolve(outputs.get("report")).toFile());
        assertTrue(report.toString().contains("DS103"), report.toString());
        assertEquals(report.get("summary").get("warnings").asText(), outputs.get("warnings"));
        assertEquals(".schemagate/lint-" + workspace.resolve("db/migrations").toString().replace('/', '-') + ".json",
                outputs.get("report"));
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN) || summary.contains(TOKEN));
    }

    @Test
    void aReRunUpdatesInPlaceAndAReadOnlyTokenKeepsTheVerdict() throws Exception {
        assertEquals(1, action(env()).exitCode());
        github.clearRequests();

        CliRun again = action(env());
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals(List.of("PATCH"), github.mutations().stream().map(FakeGitHub.Request::method).toList());

        github.readOnly(true);
        CliRun readOnly = action(env());
        assertEquals(1, readOnly.exitCode(), readOnly.toString());
        assertTrue(readOnly.out().contains("::warning title=schemagate::could not post the summary comment: the token"
                + " may not write to this pull request (403 Resource not accessible by integration)"), readOnly.out());
        assertEquals("", outputs().get("comment-url"));
    }

    @Test
    void theLoggedCommandLineMasksTheDevDatabasePassword() {
        Map<String, String> env = env();
        env.put("INPUT_DEV-URL", "postgres://postgres:S3cretPass@127.0.0.1:5432/postgres");
        CliRun run = action(env);
        assertTrue(run.err().contains("--dev-url postgres://postgres:****@127.0.0.1:5432/postgres"), run.err());
        assertFalse((run.out() + run.err() + github.issueComments(PR)).contains("S3cretPass"), run.toString());
    }

    @Test
    void aBadInputIsOneLineAndExit2() {
        Map<String, String> env = env();
        env.put("INPUT_COMMAND", "migrate diff");
        CliRun run = action(env);
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("schemagate: input command: \"migrate diff\" is not available; expected \"migrate lint\","
                + " \"migrate push\" or \"schema plan\"\n", run.err());

        env.put("INPUT_COMMAND", "schema plan"); // to is blank, as GitHub passes an unset input
        CliRun noTo = action(env);
        assertEquals(2, noTo.exitCode(), noTo.toString());
        assertEquals("schemagate: input to: required for command \"schema plan\", the desired schema, e.g."
                + " file://schema.sql\n", noTo.err());

        env.put("INPUT_COMMAND", "migrate lint");
        env.put("INPUT_SUGGESTIONS", "maybe");
        assertEquals(2, action(env).exitCode());
    }

    @Test
    void withCommentsOffNothingIsPostedButTheGateStands() {
        Map<String, String> env = env();
        env.put("INPUT_COMMENT", "false");
        CliRun run = action(env);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(github.requests().isEmpty());
    }

    @Test
    void thePlainCliPublishesTooWhenATokenAndAPullRequestAreKnown() {
        Map<String, String> env = new HashMap<>(env());
        env.keySet().removeIf(k -> k.startsWith("INPUT_"));
        env.remove("GITHUB_ACTIONS"); // e.g. another CI building a GitHub pull request
        env.put("GITHUB_TOKEN", TOKEN);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"migrate", "lint", "--dir", workspace.resolve("db/migrations").toString(),
            "--dev-url", LocalPostgres.URL, "--git-base", baseSha},
                new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false), env);
        assertEquals(1, code, out + "\n" + err);
        assertEquals(1, github.issueComments(PR).size());
        assertEquals(1, github.reviews(PR).size());
        assertTrue(err.toString().contains("schemagate: pull request #7: summary comment "), err.toString());
    }

    @Test
    void onMergeThePushCommandPushesTheCommitAndSetsRefAndDigest() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available() || System.getenv("CI") != null,
                RegistryProcess.BINARY + " is not installed (apt-get install docker-registry)");
        try (RegistryProcess registry = RegistryProcess.open()) {
            Path push = files.resolve("push.json");
            Files.writeString(push, "{\"ref\":\"refs/heads/main\",\"after\":\"" + headSha + "\"}");
            Map<String, String> env = env();
            env.put("GITHUB_EVENT_NAME", "push");
            env.put("GITHUB_EVENT_PATH", push.toString());
            env.put("GITHUB_SHA", headSha);
            env.remove("GITHUB_BASE_REF");
            env.put("INPUT_COMMAND", "migrate push");
            env.put("INPUT_TO", "oci://" + registry.host() + "/acme/shop-migrations");
            env.put("INPUT_TAG", "v1.2.0");

            CliRun run = action(env);

            assertEquals(0, run.exitCode(), run.toString());
            Map<String, String> outputs = outputs();
            assertEquals("oci://" + registry.host() + "/acme/shop-migrations:" + headSha, outputs.get("ref"));
            assertTrue(outputs.get("digest").matches("sha256:[0-9a-f]{64}"), outputs.get("digest"));
            assertTrue(run.out().contains(":v1.2.0"), run.out());
            assertTrue(github.requests().isEmpty(), "a push posts nothing on GitHub");

            Path pulled = temp.resolve("pulled");
            CliRun pull = CliRun.of("migrate", "pull", "--from", outputs.get("ref"), "--dir", pulled.toString());
            assertEquals(0, pull.exitCode(), pull.toString());
            assertTrue(Files.readString(pulled.resolve("2_drop_name.sql")).contains("DROP COLUMN name"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefaultsInActionYmlMakeTheDefaultCommandLine() throws Exception {
        Path root = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize();
        Map<String, Object> action = new org.yaml.snakeyaml.Yaml().load(Files.readString(root.resolve("action.yml")));
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", "/github/workspace"));
        ((Map<String, Map<String, Object>>) action.get("inputs")).forEach((name, input) -> env.put(
                "INPUT_" + name.toUpperCase(java.util.Locale.ROOT),
                String.valueOf(input.get("default")).replace("${{ github.token }}", "ghs_x")));

        GithubAction lint = GithubAction.fromEnvironment(env);

        assertEquals(List.of("migrate", "lint", "--dir", "migrations", "--dir-format", "atlas", "--dev-url",
                "embedded://postgres", "--report", "json=/github/workspace/.schemagate/lint-migrations.json"),
                lint.arguments());
        assertEquals("ghs_x", lint.environment(env).get("GITHUB_TOKEN"));
    }

    /** {@code schema plan}: the inputs that apply to it, paths relative to working-directory, to as the desired schema. */
    @Test
    void schemaPlanMapsItsInputs() {
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", "/github/workspace",
                "INPUT_COMMAND", "schema plan", "INPUT_WORKING-DIRECTORY", "services/shop", "INPUT_DIR", "db/migrations",
                "INPUT_DIR-FORMAT", "flyway", "INPUT_DEV-URL", "embedded://postgres/16", "INPUT_TO", "file://db/schema"));
        env.putAll(Map.of("INPUT_CONFIG", "schemagate.yaml", "INPUT_FAIL-ON", "warning", "INPUT_COMMENT", "false",
                "INPUT_SUGGESTIONS", "true", "INPUT_LATEST", "", "INPUT_GIT-BASE", "", "INPUT_TAG", ""));

        GithubAction plan = GithubAction.fromEnvironment(env);

        assertEquals(List.of("schema", "plan", "--dir", "services/shop/db/migrations", "--dir-format", "flyway",
                "--dev-url", "embedded://postgres/16", "--to", "file://services/shop/db/schema", "--config",
                "services/shop/schemagate.yaml", "--fail-on", "warning", "--report",
                "json=/github/workspace/.schemagate/plan-services-shop-db-migrations.json", "--no-github-comment"),
                plan.arguments());
        assertEquals(Path.of(".schemagate/plan-services-shop-db-migrations.json"), plan.reportPath());

        env.put("INPUT_COMMENT", "true");
        env.put("INPUT_WORKING-DIRECTORY", ".");
        env.put("INPUT_TO", "file:///abs/schema.sql");
        List<String> args = GithubAction.fromEnvironment(env).arguments();
        assertEquals("file:///abs/schema.sql", args.get(args.indexOf("--to") + 1));
        assertFalse(args.contains("--no-github-comment"));
    }
}
