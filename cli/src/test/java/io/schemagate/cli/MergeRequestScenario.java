package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.testing.GitRepo;
import io.schemagate.gitlab.testing.FakeGitLab;
import io.schemagate.gitlab.testing.FakeGitLab.Access;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A merge request as a GitLab pipeline meets it: a project repository whose feature branch adds a migration that
 * drops a column, and {@link FakeGitLab} standing in for the instance, knowing the merge request and its diff.
 */
final class MergeRequestScenario implements AutoCloseable {
    static final String TOKEN = "glpat-project-bot-2468";
    static final String JOB_TOKEN = "glcbt-64_job_token_1357";
    static final String PROJECT_ID = "42";
    static final long IID = 3;
    static final String NEW_FILE = "db/migrations/2_drop_name.sql";

    final GitRepo repo;
    final Path dir;
    final FakeGitLab gitlab;
    final String baseSha;
    final String headSha;

    MergeRequestScenario(Path project) {
        this(project, NEW_FILE);
    }

    /** @param newFile the file the merge request adds */
    MergeRequestScenario(Path project, String newFile) {
        repo = GitRepo.init(project);
        dir = repo.root.resolve("db/migrations");
        repo.write("db/migrations/1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        hash();
        baseSha = repo.commit("users");
        repo.git("checkout", "-q", "-b", "feature/drop-name");
        repo.write(newFile, "-- the name moves to profiles\nALTER TABLE users DROP COLUMN name;\n");
        hash();
        headSha = repo.commit("drop users.name");
        gitlab = FakeGitLab.start(PROJECT_ID).acceptToken(TOKEN, 501, "project_42_bot", Access.RESOLVE)
                .mergeRequest(IID, baseSha, baseSha, headSha)
                .diff(IID, newFile, true, "@@ -0,0 +1,2 @@\n+-- the name moves to profiles\n"
                        + "+ALTER TABLE users DROP COLUMN name;\n")
                .diff(IID, "db/migrations/atlas.sum", false, "@@ -1,2 +1,3 @@\n-h1:old=\n+h1:new=\n 1_users.sql h1:x=\n"
                        + "+" + Path.of(newFile).getFileName() + " h1:y=\n");
    }

    private void hash() {
        CliRun run = CliRun.of("migrate", "hash", "--dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    /**
     * The variables GitLab sets in a merge-request pipeline (merged results: {@code CI_COMMIT_SHA} is a merge commit
     * that must not be used), with {@code GITLAB_TOKEN} when {@code token} is not null.
     */
    Map<String, String> pipeline(String token) {
        Map<String, String> env = new HashMap<>();
        env.put("CI", "true");
        env.put("GITLAB_CI", "true");
        env.put("CI_SERVER_URL", gitlab.serverUrl());
        env.put("CI_PROJECT_ID", PROJECT_ID);
        env.put("CI_PIPELINE_SOURCE", "merge_request_event");
        env.put("CI_MERGE_REQUEST_IID", Long.toString(IID));
        env.put("CI_MERGE_REQUEST_DIFF_BASE_SHA", baseSha);
        env.put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main");
        env.put("CI_COMMIT_SHA", "e".repeat(40));
        env.put("CI_JOB_TOKEN", JOB_TOKEN);
        if (token != null) {
            env.put("GITLAB_TOKEN", token);
        }
        return env;
    }

    @Override
    public void close() {
        gitlab.close();
    }
}
