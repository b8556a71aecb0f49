package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.core.testing.SilentServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry or GitHub that accepts the connection and never answers: with {@code --network-timeout 2s} every command
 * comes back in bounded time, with the exit code (and, for GitHub, the verdict) it would have had anyway.
 */
@Timeout(120) // a regression fails here instead of hanging the build
class NetworkTimeoutTest {
    /** Several timeouts of 2 s fit; hub4j's default (none) and the registry's former 2 min per request do not. */
    private static final long BOUND_MILLIS = 20_000;

    @TempDir
    Path temp;
    private SilentServer silent;

    @BeforeEach
    void start() {
        silent = new SilentServer();
    }

    @AfterEach
    void stop() {
        silent.close();
    }

    private static CliRun timed(Supplier<CliRun> command) {
        long start = System.nanoTime();
        CliRun run = command.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < BOUND_MILLIS, "took " + millis + " ms\n" + run);
        return run;
    }

    private Path hashedDirectory() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("migrations"));
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
        return dir;
    }

    @Test
    void pushToASilentRegistryIsExit3NamingIt() throws Exception {
        Path dir = hashedDirectory();
        CliRun push = timed(() -> CliRun.in(Map.of(), "migrate", "push", "--dir", dir.toString(),
                "--to", "oci://" + silent.hostPort() + "/acme/app", "--network-timeout", "2s"));
        assertEquals(3, push.exitCode(), push.toString());
        assertEquals("schemagate: " + silent.hostPort() + ": no answer within 2 s (--network-timeout)\n", push.err());
        assertTrue(silent.accepted() >= 1);
    }

    @Test
    void pullAndLintBaseFromASilentRegistryAreExit3NamingIt() throws Exception {
        Path dir = hashedDirectory();
        // The environment variable sets the timeout when the flag is not given.
        Map<String, String> env = Map.of(Session.NETWORK_TIMEOUT_VARIABLE, "2s");
        String repo = "oci://" + silent.hostPort() + "/acme/app";
        CliRun pull = timed(() -> CliRun.in(env, "migrate", "pull", "--from", repo, "--dir", temp.resolve("out").toString()));
        assertEquals(3, pull.exitCode(), pull.toString());
        assertTrue(pull.err().startsWith("schemagate: " + silent.hostPort() + ": no answer within 2 s"), pull.err());

        CliRun lint = timed(() -> CliRun.in(env, "migrate", "lint", "--dir", dir.toString(),
                "--base", repo + ":prod", "--network-timeout", "1500ms"));
        assertEquals(3, lint.exitCode(), lint.toString());
        assertTrue(lint.err().startsWith("schemagate: " + silent.hostPort() + ": no answer within 1500 ms"),
                lint.toString());
    }

    @Test
    void aBadTimeoutIsExit2() throws Exception {
        Path dir = hashedDirectory();
        CliRun flag = CliRun.in(Map.of(), "migrate", "push", "--dir", dir.toString(), "--to", "oci://localhost:1/x",
                "--network-timeout", "soon");
        assertEquals(2, flag.exitCode(), flag.toString());
        assertTrue(flag.err().contains("\"soon\" is not a duration such as 500ms, 30s or 2m"), flag.toString());

        CliRun env = CliRun.in(Map.of(Session.NETWORK_TIMEOUT_VARIABLE, "0s"), "migrate", "pull",
                "--from", "oci://localhost:1/x", "--dir", temp.resolve("o").toString());
        assertEquals(2, env.exitCode(), env.toString());
        assertTrue(env.err().contains("\"0s\" is not a duration"), env.toString());
    }

    @Test
    void lintWithASilentGitHubWarnsOnceAndKeepsTheVerdict() throws Exception {
        LocalPostgres.require();
        try (PullRequestScenario scenario = new PullRequestScenario(temp)) {
            String dir = scenario.workspace.resolve("db/migrations").toString();
            Map<String, String> env = new HashMap<>(
                    scenario.env(scenario.workspace.toString(), scenario.files.toString(), scenario.workspace.toString()));
            env.keySet().removeIf(k -> k.startsWith("INPUT_"));
            env.remove("GITHUB_ACTIONS");
            env.put("GITHUB_TOKEN", PullRequestScenario.TOKEN);
            env.put("GITHUB_API_URL", "http://" + silent.hostPort());
            String[] lint = {"migrate", "lint", "--dir", dir, "--dev-url", LocalPostgres.URL, "--git-base",
                scenario.baseSha, "--network-timeout", "2s"};

            CliRun without = CliRun.in(env, append(lint, "--no-github-comment"));
            CliRun with = timed(() -> CliRun.in(env, lint));

            assertEquals(1, without.exitCode(), without.toString());
            assertEquals(without.exitCode(), with.exitCode(), with.toString());
            // The scratch database's random name, and where the base came from (the second run finds it cached).
            String scratch = "sg_dev_\\w+|; base of 1 file (replayed and cached|from the cache)";
            assertEquals(without.out().replaceAll(scratch, "SCRATCH"), with.out().replaceAll(scratch, "SCRATCH"));
            // The first may find the base cached already: an earlier test of this class replays the same one.
            assertTrue(with.out().contains("; base of 1 file from the cache ("), with.out());
            assertEquals(1, with.err().lines().filter(l -> l.startsWith("schemagate: warning:")).count(), with.err());
            assertTrue(with.err().contains("schemagate: warning: could not read pull request #7 of acme/shop: GitHub"
                    + " did not answer in time (no answer from " + silent.hostPort() + " within 2 s"), with.err());
            assertTrue(silent.accepted() >= 1);
        }
    }

    @Test
    void theActionWithASilentGitHubWarnsOnceAndKeepsTheVerdict() throws Exception {
        LocalPostgres.require();
        try (PullRequestScenario scenario = new PullRequestScenario(temp)) {
            Map<String, String> env = new HashMap<>(
                    scenario.env(scenario.workspace.toString(), scenario.files.toString(), scenario.workspace.toString()));
            env.put(Session.NETWORK_TIMEOUT_VARIABLE, "2s");
            env.put("GITHUB_API_URL", "http://" + silent.hostPort());

            CliRun run = timed(() -> CliRun.in(env));

            assertEquals(1, run.exitCode(), run.toString());
            assertEquals(1, run.out().lines().filter(l -> l.startsWith("::warning")).count(), run.out());
            assertTrue(run.out().contains("::warning title=schemagate::could not read pull request #7 of acme/shop:"
                    + " GitHub did not answer in time"), run.out());
            assertTrue(run.out().contains("::error file=db/migrations/2_drop_name.sql,line=2"), run.out());
            assertEquals("1", scenario.outputs().get("errors"));
            assertEquals("", scenario.outputs().get("comment-url"));
        }
    }

    private static String[] append(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}
