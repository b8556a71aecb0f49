package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.testing.GitRepo;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.core.testing.RegistryProcess;
import io.schemagate.gitlab.testing.FakeGitLab;
import io.schemagate.gitlab.testing.FakeGitLab.Access;
import io.schemagate.gitlab.testing.GitlabCiLocal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The components end to end, as a project includes them: {@code include: component: …@$CI_COMMIT_SHA} from
 * {@code templates/}, run by gitlab-ci-local with the shell executor in merge-request and default-branch pipelines;
 * the packaged {@code schemagate} jar as the job's command, the local PostgreSQL as dev database, {@link FakeGitLab}
 * as the instance at {@code CI_SERVER_URL}, and Debian's docker-registry as the registry.
 */
class GitlabComponentIT {
    private static final String TOKEN = "glpat-component-bot-9753";
    private static final String PROJECT_ID = "42";
    private static final String JOB = "schemagate-migrate-lint";
    private static final String PLAN_JOB = "schemagate-schema-plan";
    private static final Duration RUN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private GitlabCiLocal ci;
    private GitRepo repo;
    private FakeGitLab gitlab;
    private Path bin;
    private String baseSha;

    @BeforeEach
    void project() throws IOException {
        LocalPostgres.require();
        ci = GitlabCiLocal.project(temp.resolve("project"));
        repo = ci.project;
        repo.write("db/migrations/1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        hash();
        baseSha = repo.commit("users");
        repo.git("update-ref", "refs/remotes/origin/main", baseSha);
        gitlab = FakeGitLab.start(PROJECT_ID).acceptToken(TOKEN, 900, "project_42_bot", Access.RESOLVE);
        // The job's `schemagate`: the jar this build packaged, as the image's command would be.
        bin = Files.createDirectories(temp.resolve("bin"));
        Path command = bin.resolve("schemagate");
        Files.writeString(command, "#!/bin/sh\nexec java -jar '" + Path.of("target/schemagate.jar").toAbsolutePath()
                + "' \"$@\"\n");
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() {
        if (gitlab != null) {
            gitlab.close();
        }
    }

    private void hash() {
        CliRun run = CliRun.of("migrate", "hash", "--dir", repo.root.resolve("db/migrations").toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    /** A branch off main adding {@code file}, and merge request {@code iid} for it on the fake GitLab. */
    private String mergeRequest(long iid, String branch, String file, String sql) {
        repo.git("checkout", "-q", "-B", branch, baseSha);
        repo.write(file, sql);
        hash();
        String head = repo.commit("add " + file);
        StringBuilder diff = new StringBuilder("@@ -0,0 +1," + sql.lines().count() + " @@\n");
        sql.lines().forEach(line -> diff.append('+').append(line).append('\n'));
        gitlab.mergeRequest(iid, baseSha, baseSha, head).diff(iid, file, true, diff.toString());
        return head;
    }

    private GitlabCiLocal.Result lintMergeRequest(long iid) {
        return lintMergeRequest(iid, "GITLAB_TOKEN", TOKEN);
    }

    /** The lint component in merge-request pipeline {@code iid}, with one token variable set. */
    private GitlabCiLocal.Result lintMergeRequest(long iid, String tokenVariable, String token) {
        ci.pipeline("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/migrate-lint@$CI_COMMIT_SHA
                    inputs:
                      dir: db/migrations
                      dev-services: []
                      dev-url: %s
                """.formatted(LocalPostgres.URL));
        return run(mergeRequestVariables(iid, baseSha, tokenVariable, token), JOB);
    }

    /** What GitLab sets in a merge request pipeline, and the token under the name the job reads. */
    private Map<String, String> mergeRequestVariables(long iid, String baseSha, String tokenVariable, String token) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CI_PIPELINE_SOURCE", "merge_request_event");
        variables.put("CI_SERVER_URL", gitlab.serverUrl());
        variables.put("CI_PROJECT_ID", PROJECT_ID);
        variables.put("CI_MERGE_REQUEST_IID", Long.toString(iid));
        variables.put("CI_MERGE_REQUEST_DIFF_BASE_SHA", baseSha);
        variables.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main");
        variables.put(tokenVariable, token);
        return variables;
    }

    private GitlabCiLocal.Result run(Map<String, String> variables, String job) {
        List<String> args = new ArrayList<>();
        variables.forEach((name, value) -> args.addAll(List.of("--variable", name + "=" + value)));
        args.addAll(List.of("--ignore-predefined-vars", String.join(",", variables.keySet()), job));
        return ci.run(Map.of("PATH", bin + ":" + System.getenv("PATH")), args, RUN);
    }

    private Path file(String name) {
        return repo.root.resolve(name);
    }

    private String dotenv(String job, String name) throws IOException {
        return Files.readString(file(".gitlab-ci-local/artifacts/" + job + "/.gitlab-ci-reports/dotenv/" + name));
    }

    @Test
    void aRiskyMergeRequestGetsNoteThreadsReportsAndAFailedJob() throws IOException {
        String head = mergeRequest(3, "feature/drop-name", "db/migrations/2_drop_name.sql",
                "-- the name moves to profiles\nALTER TABLE users DROP COLUMN name;\n");

        GitlabCiLocal.Result run = lintMergeRequest(3);

        assertNotEquals(0, run.exitCode(), "the gate fails the job\n" + run);
        assertTrue(run.output().contains(JOB + " finished in") && run.output().contains("FAIL"), run.toString());
        assertTrue(run.output().contains("error DS103"), run.toString());
        assertTrue(run.output().contains("merge request !3: summary note " + gitlab.serverUrl()), run.toString());
        assertFalse(run.output().contains(TOKEN.substring(6)), "the token stays hidden\n" + run);

        List<FakeGitLab.Note> notes = gitlab.notes(3);
        assertTrue(notes.get(0).body().startsWith("<!-- schemagate:db/migrations -->"), notes.get(0).body());
        assertTrue(notes.get(0).body().contains("❌ **1 error**"), notes.get(0).body());
        List<FakeGitLab.Note> threads = gitlab.threads(3);
        assertEquals(1, threads.size(), "DS103 on the drop's line, PG508 folded into it");
        assertTrue(threads.stream().allMatch(t -> t.path().equals("db/migrations/2_drop_name.sql") && t.line() == 2
                && head.equals(t.position().get("head_sha"))));
        assertTrue(threads.stream().anyMatch(t -> t.body().contains("```suggestion\nSET lock_timeout")), threads.toString());

        JsonNode quality = JSON.readTree(file("gl-code-quality-report.json").toFile());
        assertTrue(quality.findValuesAsText("check_name").contains("DS103"), quality.toString());
        assertEquals("db/migrations/2_drop_name.sql", quality.get(0).at("/location/path").asText());
        assertTrue(Files.readString(file("schemagate-junit.xml")).contains("<failure message=\"DS103: "));
        assertEquals("errors=1\nwarnings=0\n", dotenv(JOB, "schemagate.env"));
        assertTrue(Files.isRegularFile(file(".gitlab-ci-local/artifacts/" + JOB + "/schemagate-report.json")));

        GitlabCiLocal.Result again = lintMergeRequest(3);
        assertNotEquals(0, again.exitCode(), again.toString());
        assertTrue(again.output().contains("line comments: 0 posted, 1 already there"), again.toString());
        assertEquals(1, gitlab.threads(3).size(), "a re-run repeats no thread");
        assertEquals(1, gitlab.notes(3).stream().filter(n -> n.path() == null).count(), "one summary note");
    }

    @Test
    void aCleanMergeRequestPassesWithItsNoteSayingSo() throws IOException {
        mergeRequest(4, "feature/add-email", "db/migrations/2_add_email.sql",
                "ALTER TABLE users ADD COLUMN email text;\n");

        GitlabCiLocal.Result run = lintMergeRequest(4);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.output().contains(JOB + " finished in") && run.output().contains("PASS"), run.toString());
        assertTrue(gitlab.notes(4).get(0).body().contains("✅ **No errors**"), gitlab.notes(4).get(0).body());
        assertEquals("errors=0\nwarnings=0\n", dotenv(JOB, "schemagate.env"));
    }

    @Test
    void withOnlyTheJobTokenTheJobExplainsAndStillGates() throws IOException {
        mergeRequest(5, "feature/drop-name", "db/migrations/2_drop_name.sql", "ALTER TABLE users DROP COLUMN name;\n");

        GitlabCiLocal.Result run = lintMergeRequest(5, "CI_JOB_TOKEN", "glcbt-job-token-1111");

        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.output().contains("CI_JOB_TOKEN cannot post notes on merge request !5"), run.toString());
        assertEquals(List.of(), gitlab.requests());
        assertEquals("errors=1\nwarnings=0\n", dotenv(JOB, "schemagate.env"));
    }

    /** The plan component in merge-request pipeline {@code iid}: its note beside lint's, updated on a re-run. */
    @Test
    void thePlanComponentKeepsItsOwnNoteBesideLints() throws IOException {
        repo.write("db/schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text, email text, age int);\n");
        mergeRequest(6, "feature/add-email", "db/migrations/20250101000000_add_email.sql",
                "ALTER TABLE users ADD COLUMN email text;\n");
        assertEquals(0, lintMergeRequest(6).exitCode());

        GitlabCiLocal.Result run = planMergeRequest(6);

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.output().contains("merge request !6: plan note " + gitlab.serverUrl()), run.toString());
        assertFalse(run.output().contains(TOKEN.substring(6)), "the token stays hidden\n" + run);
        List<FakeGitLab.Note> notes = gitlab.notes(6).stream().filter(n -> n.path() == null).toList();
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).body().startsWith("<!-- schemagate:db/migrations -->"), notes.get(0).body());
        String plan = notes.get(1).body();
        assertTrue(plan.startsWith("<!-- schemagate-plan:db/migrations -->\n\n✅ **1 statement in 1 file**"), plan);
        assertTrue(plan.contains("ADD COLUMN age integer;"), plan);
        assertEquals("plan_errors=0\nplan_warnings=0\nplan_statements=1\n", dotenv(PLAN_JOB, "schemagate-plan.env"));
        assertTrue(Files.isRegularFile(file(".gitlab-ci-local/artifacts/" + PLAN_JOB + "/schemagate-plan.md")));

        GitlabCiLocal.Result again = planMergeRequest(6);
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(2, gitlab.notes(6).stream().filter(n -> n.path() == null).count(), "the re-run updated its note");
    }

    private GitlabCiLocal.Result planMergeRequest(long iid) {
        ci.pipeline("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/schema-plan@$CI_COMMIT_SHA
                    inputs:
                      dir: db/migrations
                      to: file://db/schema.sql
                      dev-services: []
                      dev-url: %s
                """.formatted(LocalPostgres.URL));
        return run(mergeRequestVariables(iid, baseSha, "GITLAB_TOKEN", TOKEN), PLAN_JOB);
    }

    @Test
    void onTheDefaultBranchPushPublishesTheDirectoryAndItsDotenv() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available() || System.getenv("CI") != null,
                "docker-registry is not installed (apt-get install docker-registry)");
        try (RegistryProcess registry = RegistryProcess.open()) {
            repo.git("checkout", "-q", "main");
            ci.pipeline("""
                    include:
                      - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/migrate-push@$CI_COMMIT_SHA
                        inputs:
                          dir: db/migrations
                          to: oci://%s/acme/shop/migrations
                          tag: release-1
                    """.formatted(registry.host()));
            GitlabCiLocal.Result run = run(Map.of(), "schemagate-migrate-push");

            assertEquals(0, run.exitCode(), run.toString());
            String dotenv = dotenv("schemagate-migrate-push", "schemagate-push.env");
            String sha = repo.git("rev-parse", "HEAD");
            assertTrue(dotenv.matches("ref=oci://" + registry.host().replace(".", "\\.") + "/acme/shop/migrations:" + sha
                    + "\ndigest=sha256:[0-9a-f]{64}\n"), dotenv);
            assertTrue(run.output().contains("/acme/shop/migrations:release-1"), run.toString());

            CliRun pulled = CliRun.of("migrate", "pull", "--from", "oci://" + registry.host() + "/acme/shop/migrations:"
                    + "release-1", "--dir", temp.resolve("pulled").toString());
            assertEquals(0, pulled.exitCode(), pulled.toString());
            assertEquals(Files.readString(file("db/migrations/atlas.sum")),
                    Files.readString(temp.resolve("pulled/atlas.sum")));
        }
    }
}
