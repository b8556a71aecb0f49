package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OS user this JVM runs as, by uid: names the private run directory base, and decides whether the server
 * needs a user namespace (PostgreSQL refuses uid 0).
 */
public record OsUser(int uid) {

    public static OsUser current() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return new OsUser((Integer) Files.getAttribute(self, "unix:uid"));
        }
        // No /proc (macOS): a file just made belongs to the effective uid.
        Path probe = Files.createTempFile("schemagate-uid-", ".tmp");
        try {
            return new OsUser((Integer) Files.getAttribute(probe, "unix:uid"));
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** {@link #current()}, as the error an embedded server's start reports. */
    static OsUser currentOrFail() throws DevDatabaseException {
        try {
            return current();
        } catch (IOException | RuntimeException e) {
            throw new DevDatabaseException("embedded PostgreSQL cannot tell which user it runs as: " + e.getMessage(), e);
        }
    }

    public boolean root() {
        return uid == 0;
    }
}
