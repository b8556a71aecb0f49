package io.schemagate.core.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads the files of a migration directory, which arrive in pull requests, so only regular files inside it: a
 * symbolic link out of the directory (to a secret, {@code /proc/self/environ}, {@code /dev/zero}), a named pipe (a
 * read would wait forever), a device, or a directory named like a migration file is refused by its path, never
 * opened and never silently skipped. A symbolic link to a regular file inside the directory is read: it cannot
 * reach anything the directory does not already hold.
 */
final class DirectoryEntries {
    private final MigrationDir dir;
    private Path realRoot;

    DirectoryEntries(MigrationDir dir) {
        this.dir = dir;
    }

    /** The bytes of {@code name} (relative, with {@code /}). */
    byte[] read(String name) throws IOException {
        Path file = dir.resolve(name);
        check(file, dir.displayOf(name));
        return Files.readAllBytes(file);
    }

    /** The bytes of {@code name} when there is an entry of that name (even a dangling link, which is refused). */
    Optional<byte[]> readIfPresent(String name) throws IOException {
        if (!Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(read(name));
    }

    /** @throws UnsafeEntryException unless {@code file} is a regular file, or a link to one inside the directory */
    void check(Path file, String shown) throws IOException {
        BasicFileAttributes own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (own.isRegularFile()) {
            return;
        }
        if (own.isDirectory()) {
            throw new UnsafeEntryException(shown, "a directory named like a migration file; rename or remove it");
        }
        if (!own.isSymbolicLink()) {
            throw new UnsafeEntryException(shown, "a named pipe, socket or device, not a file; it is never read");
        }
        Path link = Files.readSymbolicLink(file);
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException e) {
            throw new UnsafeEntryException(shown, "a symbolic link to " + link + ", which does not exist");
        }
        if (!target.startsWith(realRoot())) {
            throw new UnsafeEntryException(shown, "a symbolic link to " + link + ", outside " + dir.display()
                    + "; only links to files inside the directory are read");
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeEntryException(shown, "a symbolic link to " + link + ", which is not a regular file");
        }
    }

    private Path realRoot() throws IOException {
        if (realRoot == null) {
            realRoot = dir.path().toRealPath();
        }
        return realRoot;
    }
}
