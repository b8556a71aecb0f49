package io.schemagate.gitlab.testing;

import io.schemagate.core.testing.GitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code gitlab-ci-local} 4.65.1 (npm), which runs GitLab CI jobs on this machine with the shell executor, and a
 * component project for it to run: a git repository whose {@code origin} is a GitLab project
 * ({@code gitlab.example.com/acme/shop}) holding this repository's {@code templates/}, so that
 * {@code include: component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/NAME@$CI_COMMIT_SHA} resolves to them locally (as
 * gitlab-ci-local does when the project and ref are the checkout's own).
 *
 * <p>Found at {@code $GITLAB_CI_LOCAL}, else {@code /opt/gitlab-ci-local/bin/gitlab-ci-local} (where {@code .ci/run}
 * installs it), else on the PATH. Missing, the calling test is skipped, except under {@code CI=true}, where it fails.
 */
public final class GitlabCiLocal {
    public static final String INSTALL = "npm install -g --prefix /opt/gitlab-ci-local gitlab-ci-local@4.65.1";
    public static final String SERVER_HOST = "gitlab.example.com";
    public static final String PROJECT_PATH = "acme/shop";

    /** What a run printed (stdout and stderr together, as a person would see them) and how it ended. */
    public record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "gitlab-ci-local exit " + exitCode + "\n" + output;
        }
    }

    private final Path binary;
    public final GitRepo project;

    private GitlabCiLocal(Path binary, GitRepo project) {
        this.binary = binary;
        this.project = project;
    }

    /** The tool, or the calling test skipped (failed under CI=true). */
    public static Path require() {
        Optional<Path> found = locate();
        if (found.isEmpty()) {
            String message = "gitlab-ci-local not found (" + INSTALL + ", or set GITLAB_CI_LOCAL)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; .ci/run installs it");
            }
            Assumptions.abort(message + ": GitLab component tests skipped");
        }
        return found.get();
    }

    /** A component project in {@code dir}: the repository's templates committed on {@code main}. */
    public static GitlabCiLocal project(Path dir) {
        Path binary = require();
        GitRepo repo = GitRepo.init(dir);
        repo.git("remote", "add", "origin", "git@" + SERVER_HOST + ":" + PROJECT_PATH + ".git");
        copyTree(repositoryRoot().resolve("templates"), dir.resolve("templates"));
        repo.write(".gitignore", ".gitlab-ci-local/\n");
        String sha = repo.commit("templates");
        // As a clone would have them: origin/main and origin/HEAD (gitlab-ci-local reads the default branch there).
        repo.git("update-ref", "refs/remotes/origin/main", sha);
        repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        return new GitlabCiLocal(binary, repo);
    }

    /** The schemagate checkout these tests run in (the Maven root). */
    public static Path repositoryRoot() {
        String root = System.getProperty("schemagate.root");
        Path start = root == null || root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root).toAbsolutePath();
        for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("templates")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("shared-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no schemagate checkout above " + start);
    }

    /** {@code .gitlab-ci.yml} of the project (left uncommitted: gitlab-ci-local reads the work tree). */
    public GitlabCiLocal pipeline(String yaml) {
        project.write(".gitlab-ci.yml", yaml);
        return this;
    }

    /** The pipeline as GitLab would see it, includes and inputs expanded. */
    public String preview() {
        Result result = run(Map.of(), List.of("--preview"), Duration.ofMinutes(1));
        Assertions.assertEquals(0, result.exitCode(), result.toString());
        String output = result.output();
        int start = output.indexOf("\n---\n");
        Assertions.assertTrue(start >= 0, "no YAML in the preview:\n" + output);
        return output.substring(start + 1);
    }

    /**
     * Runs {@code gitlab-ci-local ARGS} in the project with the shell executor (jobs with an {@code image:} too),
     * {@code env} added to this process's environment (PATH among them, to find {@code schemagate}).
     */
    public Result run(Map<String, String> env, List<String> args, Duration timeout) {
        // Its own HOME folder: no variables.yml of whoever runs the tests leaks in.
        Path home = project.root.resolveSibling(project.root.getFileName() + "-gitlab-ci-local-home");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--force-shell-executor", "--no-color",
                "--home", home.toString()));
        command.addAll(args);
        try {
            Path log = Files.createTempFile("gitlab-ci-local", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(project.root.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    Assertions.fail("gitlab-ci-local " + args + " did not finish in " + timeout + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> locate() {
        String configured = System.getenv("GITLAB_CI_LOCAL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Path installed = Path.of("/opt/gitlab-ci-local/bin/gitlab-ci-local");
        if (Files.isExecutable(installed)) {
            return Optional.of(installed);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(p -> !p.isEmpty()).map(p -> Path.of(p, "gitlab-ci-local")).filter(Files::isExecutable)
                .findFirst();
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
