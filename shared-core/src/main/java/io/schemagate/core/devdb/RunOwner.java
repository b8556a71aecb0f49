package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The JVM a run directory belongs to: its pid and start instant, since a pid alone may have been reused by the
 * time a later run looks. Written into the run directory; a run whose owner is gone is stale.
 *
 * @param started empty when the OS does not say (then the pid alone decides)
 */
record RunOwner(long pid, Optional<Instant> started) {

    static final String FILE = "owner";

    static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(self.pid(), self.info().startInstant());
    }

    /** Whether the process that owned the run is still there (same pid, same start). */
    boolean alive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Instant> now = process.get().info().startInstant();
        return started.isEmpty() || now.isEmpty() || started.equals(now);
    }

    /** Written to a temp name and renamed, so a reader never sees half a record. */
    void writeTo(Path runDirectory) throws IOException {
        Path temp = runDirectory.resolve(FILE + ".tmp");
        Files.writeString(temp, "pid=" + pid + "\nstarted=" + started.map(Instant::toString).orElse("") + "\n",
                StandardCharsets.UTF_8);
        Files.move(temp, runDirectory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The record in {@code runDirectory}; empty when there is none or it does not parse. */
    static Optional<RunOwner> readFrom(Path runDirectory) {
        try {
            long pid = -1;
            Optional<Instant> started = Optional.empty();
            for (String line : Files.readAllLines(runDirectory.resolve(FILE), StandardCharsets.UTF_8)) {
                if (line.startsWith("pid=")) {
                    pid = Long.parseLong(line.substring(4).strip());
                } else if (line.startsWith("started=") && !line.substring(8).isBlank()) {
                    started = Optional.of(Instant.parse(line.substring(8).strip()));
                }
            }
            return pid > 0 ? Optional.of(new RunOwner(pid, started)) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
