package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.testing.GitRepo;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.github.testing.FakeGitHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pull request as the action meets it: a workspace holding a git repository whose feature branch adds a migration
 * that drops a column, the event payload GitHub writes for it, and a local server standing in for GitHub.
 */
final class PullRequestScenario implements AutoCloseable {
    static final String TOKEN = "ghs_action_token_5678";
    static final int PR = 7;
    static final String NEW_FILE = "db/migrations/2_drop_name.sql";

    final Path workspace;
    /** The runner's side files: event payload, step outputs, job summary. */
    final Path files;
    final FakeGitHub github;
    final String baseSha;
    final String headSha;

    PullRequestScenario(Path temp) throws IOException {
        this(temp, "");
    }

    /** @param apiPrefix where the fake serves its API, e.g. {@code /api/v3} like GitHub Enterprise Server */
    PullRequestScenario(Path temp, String apiPrefix) throws IOException {
        this(temp, apiPrefix, NEW_FILE);
    }

    /**
     * @param newFile the file the pull request adds, e.g. one with a timestamp version that sorts before the files
     *                {@code schema plan} would add
     */
    PullRequestScenario(Path temp, String apiPrefix, String newFile) throws IOException {
        workspace = temp.resolve("workspace");
        files = Files.createDirectories(temp.resolve("files"));
        GitRepo repo = GitRepo.init(workspace);
        repo.write("db/migrations/1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        hash();
        baseSha = repo.commit("users");
        repo.git("checkout", "-q", "-b", "feature/drop-name");
        repo.write(newFile, "-- the name moves to profiles\nALTER TABLE users DROP COLUMN name;\n");
        hash();
        headSha = repo.commit("drop users.name");

        github = FakeGitHub.start("acme", "shop", apiPrefix).acceptToken(TOKEN)
                .pullRequest(PR, baseSha, headSha, "main", "feature/drop-name")
                .file(PR, newFile, "added", "@@ -0,0 +1,2 @@\n+-- the name moves to profiles\n+ALTER TABLE users DROP COLUMN name;")
                .file(PR, "db/migrations/atlas.sum", "modified",
                        "@@ -1,2 +1,3 @@\n-h1:old=\n+h1:new=\n 1_users.sql h1:x=\n+" + Path.of(newFile).getFileName() + " h1:y=");
        Files.writeString(files.resolve("event.json"), """
                {"action":"opened","number":%d,"pull_request":{"number":%d,
                 "head":{"sha":"%s","ref":"feature/drop-name"},"base":{"sha":"%s","ref":"main"}},
                 "repository":{"full_name":"acme/shop"}}
                """.formatted(PR, PR, headSha, baseSha));
    }

    private void hash() {
        CliRun run = CliRun.of("migrate", "hash", "--dir", workspace.resolve("db/migrations").toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    /**
     * The environment of the action's step, every declared input set (blank when it has no value), as GitHub sets it.
     *
     * @param workspaceDir where the step sees the workspace (GitHub mounts it at /github/workspace)
     * @param filesDir     where the step sees {@link #files}
     * @param workingDirectory the working-directory input
     */
    Map<String, String> env(String workspaceDir, String filesDir, String workingDirectory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_EVENT_PATH", filesDir + "/event.json");
        env.put("GITHUB_REPOSITORY", "acme/shop");
        env.put("GITHUB_API_URL", github.apiUrl());
        env.put("GITHUB_WORKSPACE", workspaceDir);
        env.put("GITHUB_OUTPUT", filesDir + "/output");
        env.put("GITHUB_STEP_SUMMARY", filesDir + "/summary.md");
        env.put("GITHUB_SHA", "f".repeat(40)); // the test merge commit: must not be used
        env.put("GITHUB_BASE_REF", "main");
        env.put("GITHUB_HEAD_REF", "feature/drop-name");
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("command", "migrate lint");
        inputs.put("dir", "db/migrations");
        inputs.put("dir-format", "atlas");
        inputs.put("dev-url", LocalPostgres.URL);
        inputs.put("git-base", "");
        inputs.put("latest", "");
        inputs.put("config", "");
        inputs.put("fail-on", "");
        inputs.put("github-token", TOKEN);
        inputs.put("comment", "true");
        inputs.put("suggestions", "true");
        inputs.put("to", "");
        inputs.put("tag", "");
        inputs.put("working-directory", workingDirectory);
        inputs.forEach((name, value) -> env.put("INPUT_" + name.toUpperCase(Locale.ROOT), value));
        return env;
    }

    /** The step outputs written so far, in GitHub's heredoc form (last value wins, as on GitHub). */
    Map<String, String> outputs() throws IOException {
        Map<String, String> outputs = new HashMap<>();
        List<String> lines = Files.readAllLines(files.resolve("output"));
        for (int i = 0; i < lines.size(); i++) {
            String[] head = lines.get(i).split("<<", 2);
            StringBuilder value = new StringBuilder();
            for (i++; !lines.get(i).equals(head[1]); i++) {
                value.append(value.length() == 0 ? "" : "\n").append(lines.get(i));
            }
            outputs.put(head[0], value.toString());
        }
        return outputs;
    }

    String summary() throws IOException {
        return Files.readString(files.resolve("summary.md"));
    }

    @Override
    public void close() {
        github.close();
    }
}
