package io.schemagate.core.devdb;

import java.nio.file.Path;

/**
 * Where schemagate keeps what it downloads and unpacks (PostgreSQL binaries): {@code $SCHEMAGATE_CACHE}, else
 * {@code $XDG_CACHE_HOME/schemagate}, else {@code ~/.cache/schemagate}. CI systems cache such a directory between
 * jobs, which makes a non-bundled major a one-time download.
 */
public final class CacheDir {

    public static final String ENV = "SCHEMAGATE_CACHE";

    private CacheDir() {
    }

    public static Path resolve() {
        String explicit = System.getenv(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "schemagate").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "schemagate");
    }
}
