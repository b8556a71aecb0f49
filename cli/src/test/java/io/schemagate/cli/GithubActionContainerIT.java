package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.cli.ContainerEngine.Mount;
import io.schemagate.cli.ContainerEngine.Result;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.github.testing.FakeGitHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action end to end, run the way GitHub runs a container action: the image from image/Dockerfile with
 * action.yml's {@code runs.entrypoint} (/usr/local/bin/schemagate-action), no arguments, {@code INPUT_*} and
 * {@code GITHUB_*} variables, the workspace (owned by another user, as the runner's checkout is) mounted at
 * /github/workspace and the runner's files at /github/workflow and /github/file_commands; the local PostgreSQL as
 * dev database and a local server standing in for GitHub, both over the host network.
 */
class GithubActionContainerIT {
    private static final String WORKSPACE = "/github/workspace";
    private static final String FILE_COMMANDS = "/github/file_commands";
    /** The uid GitHub-hosted runners check out as; the container runs as root. */
    private static final int RUNNER_UID = 1001;
    /** action.yml's runs.entrypoint. */
    private static final String ACTION_ENTRYPOINT = "/usr/local/bin/schemagate-action";

    @TempDir
    Path temp;
    private PullRequestScenario scenario;
    private ContainerEngine engine;
    private String image;

    @BeforeEach
    void setUp() throws IOException {
        engine = ContainerEngine.require();
        image = engine.image();
        LocalPostgres.require();
        scenario = new PullRequestScenario(temp);
        chown(scenario.workspace, RUNNER_UID);
        // The container writes outputs and summary as root into this directory.
        scenario.files.toFile().setWritable(true, false);
    }

    @AfterEach
    void tearDown() {
        if (scenario != null) {
            scenario.close();
        }
    }

    private Result runAction() {
        return runAction(Map.of(), List.of());
    }

    private Result runAction(Map<String, String> inputs, List<String> options) {
        Map<String, String> env = scenario.env(WORKSPACE, FILE_COMMANDS, ".");
        env.put("GITHUB_EVENT_PATH", "/github/workflow/event.json");
        env.put("HOME", "/github/home");
        env.putAll(inputs);
        List<String> runOptions = new java.util.ArrayList<>(List.of("--entrypoint", ACTION_ENTRYPOINT));
        runOptions.addAll(options);
        return engine.run(image, env, List.of(
                        Mount.of(scenario.workspace, WORKSPACE),
                        Mount.readOnly(scenario.files.resolve("event.json"), "/github/workflow/event.json"),
                        Mount.of(scenario.files, FILE_COMMANDS)),
                WORKSPACE, List.of(), Duration.ofMinutes(3), runOptions);
    }

    /**
     * The action's default dev database, the embedded PostgreSQL, where Docker runs it: Docker's default seccomp
     * profile denies unshare to a container without CAP_SYS_ADMIN, so root cannot hide in a user namespace.
     */
    @Test
    void theEmbeddedDefaultRunsUnderDockersSeccompRules() throws Exception {
        Path profile = temp.resolve("seccomp-without-unshare.json");
        ObjectNode seccomp = (ObjectNode) new ObjectMapper().readTree(Path.of("/usr/share/containers/seccomp.json").toFile());
        for (JsonNode rule : seccomp.get("syscalls")) {
            if ("SCMP_ACT_ALLOW".equals(rule.path("action").asText()) && rule.get("names") instanceof ArrayNode names) {
                for (int i = names.size() - 1; i >= 0; i--) {
                    if (names.get(i).asText().equals("unshare")) {
                        names.remove(i);
                    }
                }
            }
        }
        new ObjectMapper().writeValue(profile.toFile(), seccomp);

        Result run = runAction(Map.of("INPUT_DEV-URL", "embedded://postgres"),
                List.of("--security-opt", "seccomp=" + profile));

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("replayed on embedded PostgreSQL 16"), run.toString());
        assertEquals("1", scenario.outputs().get("errors"));
        assertEquals(1, scenario.github.issueComments(PullRequestScenario.PR).size());
        // The report the step leaves belongs to the runner's user, like the rest of the workspace.
        Path report = scenario.workspace.resolve(scenario.outputs().get("report"));
        assertEquals(RUNNER_UID, Files.getAttribute(report, "unix:uid"));
    }

    @Test
    void aPullRequestAddingARiskyMigrationIsReviewedAndFailsTheCheck() throws Exception {
        Result run = runAction();

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("--git-base " + scenario.baseSha), run.toString());
        assertTrue(run.stdout().contains("db/migrations/2_drop_name.sql:2:1: error DS103"), run.toString());
        assertTrue(run.stdout().contains("::error file=db/migrations/2_drop_name.sql,line=2,col=1,title=DS103::"),
                run.toString());
        assertFalse(run.stdout().contains("::warning title=schemagate"), run.toString());

        FakeGitHub github = scenario.github;
        assertEquals(1, github.issueComments(PullRequestScenario.PR).size());
        String comment = github.issueComments(PullRequestScenario.PR).get(0).body();
        assertTrue(comment.startsWith("<!-- schemagate:db/migrations -->"), comment);
        assertTrue(comment.contains("❌ **1 error**"), comment);
        assertEquals(1, github.reviews(PullRequestScenario.PR).size());
        assertEquals(scenario.headSha, github.reviews(PullRequestScenario.PR).get(0).commitId());
        assertTrue(github.reviewComments(PullRequestScenario.PR).stream()
                .anyMatch(c -> c.path().equals(PullRequestScenario.NEW_FILE) && c.line() == 2 && c.body().contains("DS103")),
                github.reviewComments(PullRequestScenario.PR).toString());

        assertTrue(scenario.summary().contains("❌ **1 error**"), scenario.summary());
        Map<String, String> outputs = scenario.outputs();
        assertEquals("1", outputs.get("errors"));
        assertEquals(".schemagate/lint-db-migrations.json", outputs.get("report"));
        assertTrue(new ObjectMapper().readTree(scenario.workspace.resolve(outputs.get("report")).toFile())
                .path("summary").path("errors").asInt() == 1);
        assertTrue(outputs.get("comment-url").endsWith("#issuecomment-" + github.issueComments(PullRequestScenario.PR).get(0).id()),
                outputs.get("comment-url"));
        assertFalse(run.stdout().contains(PullRequestScenario.TOKEN) || run.stderr().contains(PullRequestScenario.TOKEN));

        // A re-run (e.g. "Re-run jobs") updates the same comment and posts no line comment twice.
        github.clearRequests();
        Result again = runAction();
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals(List.of("PATCH"), github.mutations().stream().map(FakeGitHub.Request::method).toList());
        assertEquals(1, github.issueComments(PullRequestScenario.PR).size());
    }

    private static void chown(Path root, int uid) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setAttribute(path, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
