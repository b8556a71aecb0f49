package io.schemagate.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temporary folder, driven through the git command as a developer would. */
public final class GitRepo {
    public final Path root;

    private GitRepo(Path root) {
        this.root = root;
    }

    /** {@code git init -b main} in {@code root}. */
    public static GitRepo init(Path root) {
        GitRepo repo = new GitRepo(root);
        mkdirs(root);
        repo.git("init", "-q", "-b", "main");
        return repo;
    }

    /** A bare repository, playing the role of the hosted "origin". */
    public static GitRepo bare(Path root) {
        GitRepo repo = new GitRepo(root);
        mkdirs(root);
        repo.git("init", "-q", "--bare", "-b", "main");
        return repo;
    }

    /** {@code git clone [extra...] file://<origin> <target>}; {@code file://} so that {@code --depth} is honoured. */
    public static GitRepo cloneOf(GitRepo origin, Path target, String... extra) {
        List<String> args = new ArrayList<>(List.of("clone", "-q"));
        args.addAll(List.of(extra));
        args.add(origin.root.toUri().toString());
        args.add(target.toString());
        run(origin.root.getParent(), args);
        return new GitRepo(target);
    }

    public GitRepo write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public GitRepo delete(String path) {
        try {
            Files.delete(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stages everything and commits; returns the new commit's id. */
    public String commit(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD");
    }

    /** Runs git in this repository and returns its trimmed standard output; fails the test on a non-zero exit. */
    public String git(String... args) {
        return run(root, List.of(args));
    }

    private static String run(Path dir, List<String> args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(),
                "-c", "user.name=schemagate", "-c", "user.email=tests@schemagate.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git " + args + " timed out");
            assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + output);
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
