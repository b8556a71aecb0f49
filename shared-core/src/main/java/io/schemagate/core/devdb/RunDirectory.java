package io.schemagate.core.devdb;

import java.nio.file.Path;

/**
 * One embedded server's private directory, {@code <base>/run-<random>} (mode 0700): the cluster ({@code data/}),
 * the Unix socket ({@code socket/}, 0700, so only this OS user can use the trusted local login), the server log and
 * the owner record. All of it goes when the server stops.
 */
public record RunDirectory(Path path) {

    static final String PREFIX = "run-";

    public Path data() {
        return path.resolve("data");
    }

    public Path socket() {
        return path.resolve("socket");
    }

    public Path log() {
        return path.resolve("server.log");
    }

    /** initdb's {@code --pwfile}: exists (0600) only while initdb runs. */
    Path passwordFile() {
        return path.resolve("pwfile");
    }
}
