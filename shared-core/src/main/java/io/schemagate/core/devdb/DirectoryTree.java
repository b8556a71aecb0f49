package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a directory tree schemagate made (a run directory, a half-unpacked archive), best effort. */
public final class DirectoryTree {

    private DirectoryTree() {
    }

    /**
     * Deletes {@code path} and everything under it; symlinks are removed, never followed. Returns whether it is gone.
     */
    public static boolean delete(Path path) {
        // A few passes: a server still shutting down may add or remove files under a walk.
        for (int pass = 0; pass < 3 && Files.exists(path, LinkOption.NOFOLLOW_LINKS); pass++) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // the next pass, or the result below
                    }
                });
            } catch (IOException | UncheckedIOException ignored) {
                // the next pass, or the result below
            }
        }
        return !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
