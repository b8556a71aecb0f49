package io.schemagate.core.devdb;

import io.schemagate.core.git.GitFiles;
import java.nio.file.Files;
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

    /**
     * {@link #resolve()}, refused when it holds files a git repository tracks: what the cache holds is run (server
     * binaries, a kept cluster), so it must come from this machine or CI's cache, never from a commit of the change
     * under review (CI caches such as GitLab's live inside the checkout).
     */
    public static Path resolveTrusted() throws DevDatabaseException {
        Path dir = resolve();
        if (Files.isDirectory(dir) && GitFiles.tracksAny(dir)) {
            throw new DevDatabaseException("the cache directory " + dir + " holds files tracked by git; schemagate runs "
                    + "what it keeps there, so it must not come from the repository: remove it from git, or point "
                    + ENV + " elsewhere");
        }
        return dir;
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
