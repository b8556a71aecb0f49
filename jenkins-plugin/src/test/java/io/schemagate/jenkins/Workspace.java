package io.schemagate.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.testing.GitRepo;
import io.schemagate.github.testing.FakeGitHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A build's workspace: a git checkout whose main branch has one migration and whose feature branch adds a second that
 * drops a column (DS103, an error), and the schemagate command the steps call: the real CLI, from this module's test
 * class path.
 */
final class Workspace {
    static final String DIR = "db/migrations";
    static final String NEW_FILE = DIR + "/2_drop_name.sql";

    final Path root;
    final GitRepo repo;
    /** The {@code command} argument of the steps: a script that starts the CLI. */
    final String command;
    final String baseSha;
    final String headSha;

    Workspace(Path temp) throws IOException, InterruptedException {
        command = cliScript(temp.resolve("bin")).toString();
        root = temp.resolve("workspace");
        repo = GitRepo.init(root);
        repo.write(DIR + "/1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        hash();
        baseSha = repo.commit("users");
        repo.git("checkout", "-q", "-b", "feature/drop-name");
        repo.write(NEW_FILE, "-- the name moves to profiles\nALTER TABLE users DROP COLUMN name;\n");
        hash();
        headSha = repo.commit("drop users.name");
        // What a multibranch checkout of a change request leaves: the target branch fetched as origin/main.
        repo.git("update-ref", "refs/remotes/origin/main", baseSha);
    }

    private void hash() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command, "migrate", "hash", "--dir", DIR).directory(root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(2, TimeUnit.MINUTES);
        assertEquals(0, p.exitValue(), out);
    }

    /** bin/schemagate: the CLI's main class on the class path surefire gives these tests. */
    private static Path cliScript(Path bin) throws IOException {
        Files.createDirectories(bin);
        Path script = bin.resolve("schemagate");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + classPath
                + "' io.schemagate.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** A multibranch build of this workspace for a pull or merge request, as Jenkins sets its environment. */
    PipelineSandbox changeRequestBuild(Path temp, String changeUrl, String changeId) throws IOException {
        PipelineSandbox build = new PipelineSandbox(temp, root);
        build.env.put("JENKINS_URL", "https://ci.example.com/");
        build.env.put("BRANCH_NAME", "PR-" + changeId);
        build.env.put("CHANGE_ID", changeId);
        build.env.put("CHANGE_URL", changeUrl);
        build.env.put("CHANGE_TARGET", "main");
        build.env.put("CHANGE_BRANCH", "feature/drop-name");
        build.env.put("GIT_COMMIT", "c".repeat(40)); // Jenkins's merge with the target: never reviewed on
        return build;
    }

    /** A local GitHub Enterprise that knows this workspace's pull request. */
    FakeGitHub github(String token, int pr) {
        return FakeGitHub.start("acme", "shop", "/api/v3").acceptToken(token)
                .pullRequest(pr, baseSha, headSha, "main", "feature/drop-name")
                .file(pr, NEW_FILE, "added",
                        "@@ -0,0 +1,2 @@\n+-- the name moves to profiles\n+ALTER TABLE users DROP COLUMN name;");
    }
}
