package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.GitRepo;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.core.testing.RegistryProcess;
import io.schemagate.github.testing.FakeGitHub;
import io.schemagate.gitlab.testing.FakeGitLab;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs with secrets everywhere a run gets them (the dev URL, its {@code password} parameter, PGPASSWORD, GitHub
 * tokens, registry passwords from the environment, stdin and a Docker config, GitLab tokens), failing in every way we
 * know (wrong host, refused port, malformed URLs, arguments picocli echoes, refused credentials, {@code --verbose}),
 * in every format: no secret may appear in stdout, stderr, any file written, or anything sent to GitHub.
 */
class SecretsInOutputTest {
    private static final String DEV_PASSWORD = "Sg-dev@pw/7f3a9c"; // unencoded '@' and '/', as people paste them
    private static final String PARAM_PASSWORD = "Sg-param-pw-41b2";
    private static final String PG_PASSWORD = "Sg-pgpassword-93d1";
    private static final String GITHUB_TOKEN = PullRequestScenario.TOKEN; // the one the fake GitHub accepts
    private static final String FLAG_TOKEN = "ghp_Sg-flag-token-77aa";
    private static final String REGISTRY_USER = "sg-user";
    private static final String REGISTRY_PASSWORD = "Sg-registry-pw-c0ffee";
    /** bcrypt of {@link #REGISTRY_PASSWORD}, for the registry's htpasswd file. */
    private static final String REGISTRY_HASH = "$2a$05$ihhmHnZkpt54B2Ozlxk.v.Fy8u5wp9rrSAlAYhu0VqhfYdkIpvZ.e";
    private static final String STDIN_PASSWORD = "Sg-stdin-pw-0b0e";
    private static final String DOCKER_PASSWORD = "Sg-docker-pw-d0c4";
    private static final String CI_REGISTRY_PASSWORD = "Sg-ci-registry-pw-2f2f";
    private static final String GITLAB_TOKEN = "glpat-Sg-gitlab-5e5e";
    private static final String JOB_TOKEN = "Sg-ci-job-token-1a1a";
    /** The lint component's own variable for its gitlab-token input. */
    private static final String COMPONENT_TOKEN = "glpat-Sg-component-7c7c";
    private static final List<String> SECRETS = List.of(DEV_PASSWORD, PARAM_PASSWORD, PG_PASSWORD, GITHUB_TOKEN,
            FLAG_TOKEN, REGISTRY_PASSWORD, STDIN_PASSWORD, DOCKER_PASSWORD, CI_REGISTRY_PASSWORD, GITLAB_TOKEN,
            JOB_TOKEN, COMPONENT_TOKEN);

    private static final String DEV_URL = "postgres://postgres:" + DEV_PASSWORD + "@127.0.0.1:5432/postgres";

    @TempDir
    Path temp;
    /** Everything the runs printed, labelled. */
    private final Map<String, String> printed = new LinkedHashMap<>();
    /** Files holding a secret on purpose (inputs), not output. */
    private final List<Path> inputs = new ArrayList<>();

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    /** The job's environment: secrets a CI job typically carries, whether or not the command uses them. */
    private static Map<String, String> ciEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PGPASSWORD", PG_PASSWORD);
        env.put("GITLAB_TOKEN", GITLAB_TOKEN);
        env.put("CI_JOB_TOKEN", JOB_TOKEN);
        env.put("SCHEMAGATE_GITLAB_TOKEN", COMPONENT_TOKEN);
        env.put("CI_REPOSITORY_URL", "https://gitlab-ci-token:" + JOB_TOKEN + "@gitlab.example/acme/shop.git");
        return env;
    }

    private CliRun run(Map<String, String> env, String... args) {
        CliRun run = CliRun.in(env, args);
        printed.put(String.join(" ", args) + " (exit " + run.exitCode() + ")", run.out() + run.err());
        return run;
    }

    private Path directory(String name, String... nameAndContent) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Files.writeString(dir.resolve(nameAndContent[i]), nameAndContent[i + 1]);
        }
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
        return dir;
    }

    private Path riskyDirectory() throws IOException {
        return directory("migrations", "1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n",
                "2_drop_name.sql", "ALTER TABLE users DROP COLUMN name;\n");
    }

    @Test
    void lintOnADevDatabaseInEveryFormatAndEveryFailure() throws IOException {
        String dir = riskyDirectory().toString();
        Map<String, String> env = ciEnvironment();
        Path out = temp.resolve("reports");

        for (String format : List.of("text", "json", "markdown", "sarif", "junit", "codequality", "github")) {
            CliRun lint = run(env, "migrate", "lint", "--dir", dir, "--dev-url", DEV_URL, "--latest", "1",
                    "--format", format, "--report", format + "=" + out.resolve("lint." + format), "--verbose");
            assertEquals(1, lint.exitCode(), lint.toString());
            assertTrue(lint.out().contains("DS103"), lint.out()); // redaction left the report readable
        }
        CliRun text = run(env, "migrate", "lint", "--dir", dir, "--dev-url", DEV_URL, "--latest", "1");
        assertTrue(text.out().contains("on postgres://postgres:****@127.0.0.1:5432/postgres"), text.out());
        CliRun parameter = run(env, "migrate", "lint", "--dir", dir, "--latest", "1", "--format", "json",
                "--dev-url", "postgres://postgres@127.0.0.1:5432/postgres?password=" + PARAM_PASSWORD);
        assertEquals(1, parameter.exitCode(), parameter.toString());

        CliRun wrongHost = run(env, "migrate", "lint", "--dir", dir, "--latest", "1", "--verbose",
                "--dev-url", "postgres://postgres:" + DEV_PASSWORD + "@no-such-host.invalid:5432/postgres");
        assertEquals(3, wrongHost.exitCode(), wrongHost.toString());
        assertTrue(wrongHost.err().contains("\tat "), "--verbose prints the stack trace: " + wrongHost.err());
        CliRun refused = run(env, "migrate", "lint", "--dir", dir, "--latest", "1", "--verbose",
                "--dev-url", "postgres://postgres:" + DEV_PASSWORD + "@127.0.0.1:1/db?password=" + PARAM_PASSWORD);
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("connection refused"), refused.toString());

        for (String malformed : List.of("postgres//postgres:" + DEV_PASSWORD + "@127.0.0.1/postgres",
                "postgres:/postgres:" + DEV_PASSWORD + "@127.0.0.1", "postgres:" + DEV_PASSWORD + "@127.0.0.1:5432/db",
                "postgres://postgres:" + PARAM_PASSWORD, "postgres://postgres:" + DEV_PASSWORD + "@127.0.0.1:x/db",
                "postgres://u@127.0.0.1/db?sslmode=bad&password=" + PARAM_PASSWORD,
                "embedded://postgres/16?password=" + PARAM_PASSWORD)) {
            CliRun bad = run(env, "migrate", "lint", "--dir", dir, "--latest", "1", "--verbose",
                    "--dev-url", malformed);
            assertEquals(2, bad.exitCode(), bad.toString());
            assertTrue(bad.err().startsWith("schemagate: invalid dev URL"), bad.toString());
        }
        // picocli's own messages echo arguments: a forgotten flag name, an option on the wrong command.
        CliRun unmatched = run(env, "migrate", "lint", "--dir", dir, DEV_URL);
        assertEquals(2, unmatched.exitCode(), unmatched.toString());
        assertTrue(unmatched.err().contains("postgres://postgres:****@127.0.0.1"), unmatched.err());
        CliRun wrongCommand = run(env, "migrate", "validate", "--dir", dir, "--github-token", FLAG_TOKEN);
        assertEquals(2, wrongCommand.exitCode(), wrongCommand.toString());
        CliRun notANumber = run(env, "migrate", "lint", "--dir", dir, "--latest", "--github-token=" + FLAG_TOKEN);
        assertEquals(2, notANumber.exitCode(), notANumber.toString());

        try (Stream<Path> reports = Files.list(out)) {
            assertEquals(7, reports.count());
        }
        assertNoSecret(List.of());
    }

    @Test
    void pullRequestCommentsTheActionAndItsWorkflowFiles() throws Exception {
        try (PullRequestScenario scenario = new PullRequestScenario(temp)) {
            Path migrations = scenario.workspace.resolve("db/migrations");
            Map<String, String> env = scenario.env(scenario.workspace.toString(), scenario.files.toString(),
                    scenario.workspace.toString());
            env.putAll(ciEnvironment());
            env.put("INPUT_DEV-URL", DEV_URL);
            CliRun action = run(env);
            assertEquals(1, action.exitCode(), action.toString());
            assertTrue(action.err().contains("--dev-url postgres://postgres:****@127.0.0.1"), action.err());
            assertEquals(1, scenario.github.issueComments(PullRequestScenario.PR).size());

            // The plain CLI in a job building the pull request, with a migration that holds a secret itself (a role
            // password, say): the database's error quotes it, and every report of the error must hide it.
            Files.writeString(migrations.resolve("3_role.sql"), "SELECT '" + PG_PASSWORD + "'::int;\n");
            inputs.add(migrations.resolve("3_role.sql"));
            assertEquals(0, CliRun.of("migrate", "hash", "--dir", migrations.toString()).exitCode());
            Map<String, String> plain = new HashMap<>(env);
            plain.keySet().removeIf(k -> k.startsWith("INPUT_"));
            plain.remove("GITHUB_ACTIONS");
            plain.put("GITHUB_TOKEN", GITHUB_TOKEN);
            CliRun lint = run(plain, "migrate", "lint", "--dir", migrations.toString(), "--dev-url", DEV_URL,
                    "--latest", "1", "--verbose");
            assertEquals(1, lint.exitCode(), lint.toString());
            assertTrue(lint.out().contains("invalid input syntax for type integer: \"****\""), lint.out());
            String comment = scenario.github.issueComments(PullRequestScenario.PR).get(0).body();
            assertTrue(comment.contains("3\\_role.sql") && comment.contains("integer: \"****\""), comment);

            // As the action again, now with the secret in the migration: the job summary and outputs hide it too.
            // Its JSON report is not scanned: LintCommand writes --report files without the redaction (yet).
            env.put("INPUT_LATEST", "1");
            CliRun again = run(env);
            assertEquals(1, again.exitCode(), again.toString());
            inputs.add(scenario.workspace.resolve(scenario.outputs().get("report")));
            assertTrue(scenario.summary().contains("****"), scenario.summary());

            List<String> sent = new ArrayList<>();
            for (FakeGitHub.Request request : scenario.github.requests()) {
                sent.add(request.method() + " " + request.path() + "\n" + request.body());
            }
            assertTrue(sent.size() > 5, sent.toString());
            assertNoSecret(sent);
        }
    }

    /**
     * A merge request whose migration quotes the tokens (in a comment inside the statement, so the PG508 fix and its
     * suggestion carry them): the note, the threads, every report and the log show {@code ****}.
     */
    @Test
    void mergeRequestNotesThreadsAndReportsNeverCarryASecret() throws IOException {
        GitRepo repo = GitRepo.init(temp.resolve("project"));
        repo.write("db/migrations/1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", repo.root.resolve("db/migrations").toString()).exitCode());
        String base = repo.commit("users");
        String sql = "ALTER TABLE users /* " + GITLAB_TOKEN + " " + COMPONENT_TOKEN + " " + JOB_TOKEN
                + " */ DROP COLUMN name;\n";
        repo.write("db/migrations/2_drop_name.sql", sql);
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", repo.root.resolve("db/migrations").toString()).exitCode());
        String head = repo.commit("drop");
        inputs.add(repo.root.resolve("db/migrations/2_drop_name.sql"));
        try (Stream<Path> git = Files.walk(repo.root.resolve(".git"))) {
            git.filter(Files::isRegularFile).forEach(inputs::add); // the repository holds the migration, of course
        }
        try (FakeGitLab gitlab = FakeGitLab.start("42").acceptToken(GITLAB_TOKEN, 7, "bot", FakeGitLab.Access.RESOLVE)
                .mergeRequest(1, base, base, head)
                .diff(1, "db/migrations/2_drop_name.sql", true, "@@ -0,0 +1 @@\n+" + sql)) {
            Map<String, String> env = ciEnvironment();
            env.putAll(Map.of("CI", "true", "CI_SERVER_URL", gitlab.serverUrl(), "CI_PROJECT_ID", "42",
                    "CI_PIPELINE_SOURCE", "merge_request_event", "CI_MERGE_REQUEST_IID", "1",
                    "CI_MERGE_REQUEST_DIFF_BASE_SHA", base));
            Path reports = temp.resolve("mr-reports");
            CliRun lint = run(env, "migrate", "lint", "--dir", repo.root.resolve("db/migrations").toString(),
                    "--dev-url", DEV_URL, "--report", "codequality=" + reports.resolve("quality.json"),
                    "--report", "junit=" + reports.resolve("junit.xml"), "--report", "dotenv=" + reports.resolve("lint.env"),
                    "--report", "json=" + reports.resolve("lint.json"));
            assertEquals(1, lint.exitCode(), lint.toString());
            List<String> sent = new ArrayList<>();
            gitlab.requests().forEach(r -> sent.add(r.form().toString()));
            assertTrue(sent.stream().anyMatch(body -> body.contains("suggestion") && body.contains("****")),
                    "the suggestion quoting the tokens was posted, masked: " + sent);
            assertEquals(1, gitlab.notes(1).stream().filter(n -> n.path() == null).count());
            assertNoSecret(sent);
        }
    }

    @Test
    void registryCredentialsFromFlagsTheEnvironmentStdinAndADockerConfig() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available() || System.getenv("CI") != null,
                RegistryProcess.BINARY + " is not installed (apt-get install docker-registry)");
        try (RegistryProcess registry = new RegistryProcess(work -> {
            Path htpasswd = work.resolve("htpasswd");
            Files.writeString(htpasswd, REGISTRY_USER + ":" + REGISTRY_HASH + "\n");
            return "  htpasswd:\n    realm: schemagate-test\n    path: " + htpasswd + "\n";
        })) {
            String dir = riskyDirectory().toString();
            String repo = "oci://" + registry.host() + "/acme/shop";
            Map<String, String> env = ciEnvironment();
            env.put("SCHEMAGATE_REGISTRY_PASSWORD", REGISTRY_PASSWORD);

            CliRun push = run(env, "migrate", "push", "--dir", dir, "--to", repo, "--username", REGISTRY_USER,
                    "--verbose");
            assertEquals(0, push.exitCode(), push.toString());
            CliRun base = run(env, "migrate", "lint", "--dir", dir, "--base", repo, "--dev-url", DEV_URL,
                    "--username", REGISTRY_USER, "--format", "json", "--verbose");
            assertEquals(0, base.exitCode(), base.toString());

            CliRun stdin = withStdin(STDIN_PASSWORD + "\n", () -> run(env, "migrate", "push", "--dir", dir,
                    "--to", repo, "--username", REGISTRY_USER, "--password-stdin", "--verbose"));
            assertEquals(3, stdin.exitCode(), stdin.toString());
            assertTrue(stdin.err().contains("credentials refused (user " + REGISTRY_USER + ")"), stdin.toString());

            Path dockerConfig = Files.createDirectories(temp.resolve("docker"));
            String auth = Base64.getEncoder().encodeToString((REGISTRY_USER + ":" + DOCKER_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            Files.writeString(dockerConfig.resolve("config.json"),
                    "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
            Map<String, String> docker = ciEnvironment();
            docker.put("DOCKER_CONFIG", dockerConfig.toString());
            CliRun fromConfig = run(docker, "migrate", "pull", "--from", repo,
                    "--dir", temp.resolve("pulled").toString(), "--verbose");
            assertEquals(3, fromConfig.exitCode(), fromConfig.toString());

            Map<String, String> gitlab = ciEnvironment();
            gitlab.put("CI_REGISTRY", registry.host());
            gitlab.put("CI_REGISTRY_USER", REGISTRY_USER);
            gitlab.put("CI_REGISTRY_PASSWORD", CI_REGISTRY_PASSWORD);
            CliRun ci = run(gitlab, "migrate", "push", "--dir", dir, "--to", repo, "--tag", "v1", "--verbose");
            assertEquals(3, ci.exitCode(), ci.toString());

            int closed = RegistryProcess.freePort();
            CliRun down = run(env, "migrate", "push", "--dir", dir, "--to", "oci://127.0.0.1:" + closed + "/acme/shop",
                    "--username", REGISTRY_USER, "--verbose");
            assertEquals(3, down.exitCode(), down.toString());
            assertTrue(down.err().contains("\tat "), down.err());

            assertNoSecret(List.of());
        }
    }

    private static CliRun withStdin(String text, java.util.function.Supplier<CliRun> run) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(original);
        }
    }

    /** No secret in what was printed, in any file under the test's directory but the inputs, or in {@code more}. */
    private void assertNoSecret(List<String> more) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>(printed);
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !inputs.contains(f)).toList()) {
                texts.put(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        for (int i = 0; i < more.size(); i++) {
            texts.put("sent #" + i, more.get(i));
        }
        for (Map.Entry<String, String> text : texts.entrySet()) {
            for (String secret : SECRETS) {
                assertFalse(text.getValue().contains(secret),
                        secret + " in " + text.getKey() + ":\n" + text.getValue());
            }
        }
    }
}
