package io.schemagate.core.devdb;

import java.nio.file.Path;

/**
 * One embedded server's private directory, {@code <base>/run-<random>} (mode 0700): the cluster ({@code data/}),
 * the Unix socket ({@code socket/}, 0700, so only this OS user can use the trusted local login), the server log and
 * the owner record. All of it goes when the server stops.
 */
record RunDirectory(Path path) {

    static final String PREFIX = "run-";

    Path data() {
        return path.resolve("data");
    }

    Path socket() {
        return path.resolve("socket");
    }

    Path log() {
        return path.resolve("server.log");
    }

    /** initdb's {@code --pwfile}: exists (0600) only while initdb runs. */
    Path passwordFile() {
        return path.resolve("pwfile");
    }
}
