package io.schemagate.core.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one {@code git} command in a directory and collects its output. "Not known" — git missing, a hung command,
 * an I/O failure — is an empty result, never an exception, as in {@link GitFiles}.
 */
final class GitProcess {
    private static final long TIMEOUT_SECONDS = 30;

    private GitProcess() {
    }

    static Optional<GitOutput> run(Path dir, List<String> args) {
        return run(dir, args, null);
    }

    /** @param input what to write to git's standard input, or {@code null} for nothing */
    static Optional<GitOutput> run(Path dir, List<String> args, byte[] input) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        // Stable English diagnostics, so callers can recognise refusals such as "dubious ownership".
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException noGit) {
            return Optional.empty();
        }
        // Output is drained on its own threads: a command that fills a pipe while we wait would otherwise hang
        // until the timeout, and the timeout would never fire while we block reading.
        FutureTask<byte[]> stdout = background(process.getInputStream()::readAllBytes);
        FutureTask<byte[]> stderr = background(process.getErrorStream()::readAllBytes);
        if (input == null) {
            feed(process.getOutputStream(), null); // closing stdin at once: git must never wait for input
        } else {
            background(() -> feed(process.getOutputStream(), input));
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new GitOutput(process.exitValue(), stdout.get(5, TimeUnit.SECONDS),
                    new String(stderr.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8)));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Void feed(OutputStream in, byte[] input) {
        try (in) {
            if (input != null) {
                in.write(input);
            }
        } catch (IOException gitStoppedReading) {
            // git exited early (e.g. a bad argument); its exit code tells the caller.
        }
        return null;
    }

    private static <T> FutureTask<T> background(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "git-io");
        thread.setDaemon(true);
        thread.start();
        return task;
    }
}
