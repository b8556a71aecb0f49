package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Predicate;
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

    /**
     * Renames the unpacked directory {@code temp} to {@code target} atomically. When another run got there first with
     * a {@code complete} copy, ours is left for the caller to delete; an incomplete one under the final name (copied
     * by hand, or partly deleted) is set aside and the rename retried.
     */
    public static void moveIntoPlace(Path temp, Path target, Predicate<Path> complete) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException e) {
                // rename(2) onto a non-empty directory: Linux says only "Directory not empty", no specific exception.
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                if (complete.test(target)) {
                    return;
                }
                Path aside = target.resolveSibling(target.getFileName() + ".tmp-broken-" + Long.toHexString(System.nanoTime()));
                try {
                    Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    continue;
                }
                delete(aside);
            }
        }
        throw new IOException("cannot rename " + temp + " to " + target);
    }
}
