package io.schemagate.core.devdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops a postmaster by pid when its supervisor cannot: one left by a killed JVM, or one whose supervisor did not
 * stop it in time. Immediate shutdown (SIGQUIT; the postmaster ends its backends itself), then SIGKILL for it and
 * whatever it started.
 */
final class PostmasterStop {

    private PostmasterStop() {
    }

    /**
     * Stops {@code pid} if it is the postmaster of {@code dataDirectory}: a pid from an old pid file may belong to
     * another process by now, which is left alone.
     */
    static void stop(long pid, Path dataDirectory, Duration wait) {
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> servesDirectory(p, dataDirectory));
        if (postmaster.isEmpty()) {
            return;
        }
        List<ProcessHandle> started = postmaster.get().descendants().toList();
        ServerLauncher.signal(pid, "QUIT");
        awaitExit(postmaster.get(), wait);
        postmaster.get().destroyForcibly();
        awaitExit(postmaster.get(), Duration.ofSeconds(2));
        // ProcessHandle checks the start time before it signals: a reused pid is not hit.
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean servesDirectory(ProcessHandle process, Path dataDirectory) {
        Optional<String> commandLine = process.info().commandLine();
        return commandLine.isPresent() && commandLine.get().contains(dataDirectory.toString());
    }

    static void awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // the caller escalates
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
