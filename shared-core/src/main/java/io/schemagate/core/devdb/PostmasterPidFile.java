package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code postmaster.pid} in a data directory, as pg_ctl reads it: line 1 the postmaster's pid, line 8 its status
 * ({@code starting}, {@code ready}, {@code stopping}).
 */
record PostmasterPidFile(long pid, String status) {

    static final String FILE = "postmaster.pid";

    /** Empty while the postmaster has not written it (fully) yet, or after it removed it. */
    static Optional<PostmasterPidFile> read(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve(FILE), StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            String status = lines.size() >= 8 ? lines.get(7).strip() : "";
            return Optional.of(new PostmasterPidFile(pid, status));
        } catch (IOException | RuntimeException notYet) {
            return Optional.empty();
        }
    }

    boolean ready() {
        return status.equals("ready");
    }
}
