package io.schemagate.core.devdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL binaries unpacked once into {@code <cache>/binaries/postgres-<fingerprint>} (of the archive's zip entry,
 * or of its bytes where it is none), then reused by every run. Concurrent runs may both unpack: each works in its own
 * temp directory and renames it into place atomically, so a directory under the final name is always complete; the
 * marker written last proves it.
 */
final class BinariesCache {

    static final String MARKER = ".schemagate-complete";
    /** A temp directory this old is left over from a killed run, not one being unpacked. */
    private static final Duration ABANDONED = Duration.ofHours(1);
    /**
     * An installation no run has used for this long is removed: each new archive (a schemagate upgrade, another
     * major) unpacks beside the old one, and a CI cache carries the whole directory from job to job.
     */
    static final Duration UNUSED = Duration.ofDays(14);

    private final Path root;

    BinariesCache(Path cacheDir) {
        this.root = cacheDir.resolve("binaries");
    }

    /** The installation directory ({@code bin/}, {@code lib/}, {@code share/}) of {@code archive}. */
    Path unpack(PgArchive archive) throws DevDatabaseException {
        Optional<String> entry;
        try {
            entry = archive.entryIdentity();
        } catch (IOException e) {
            throw unreadable(archive, e);
        }
        byte[] bytes = entry.isPresent() ? null : read(archive);
        String fingerprint = sha256(entry.map(identity -> identity.getBytes(StandardCharsets.UTF_8)).orElse(bytes));
        Path target = root.resolve("postgres-" + fingerprint.substring(0, 16));
        if (complete(target)) {
            markUsed(target);
            return target;
        }
        if (bytes == null) {
            bytes = read(archive);
        }
        try {
            Files.createDirectories(root);
            removeAbandoned();
            Path temp = Files.createTempDirectory(root, target.getFileName() + ".tmp-");
            try {
                int entries = TarExtractor.extract(new XZInputStream(new ByteArrayInputStream(bytes)), temp);
                Files.writeString(temp.resolve(MARKER), "fingerprint=" + fingerprint + "\nentries=" + entries + "\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                DirectoryTree.moveIntoPlace(temp, target, BinariesCache::complete);
            } finally {
                DirectoryTree.delete(temp);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DevDatabaseException("cannot unpack the PostgreSQL binaries " + archive.describe() + " into " + root + ": "
                    + e.getMessage(), e);
        }
        if (!complete(target)) {
            throw new DevDatabaseException("the PostgreSQL binaries in " + target + " are incomplete; remove that directory");
        }
        return target;
    }

    /** Its marker's time is when a run last used it (once unpacked, nothing else writes there). */
    private static void markUsed(Path installation) {
        try {
            Files.setLastModifiedTime(installation.resolve(MARKER), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a read-only cache: nothing is removed from it either
        }
    }

    /**
     * Removes the installations besides {@code current} that no run has used for {@link #UNUSED}; returns their
     * directories (gone now), so what was kept for them can go too. Never throws.
     */
    List<Path> removeUnusedBesides(Path current) {
        Instant cutoff = Instant.now().minus(UNUSED);
        List<Path> installations;
        try (Stream<Path> list = Files.list(root)) {
            installations = list.filter(p -> p.getFileName().toString().matches("postgres-[0-9a-f]{16}") && !p.equals(current))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        for (Path installation : installations) {
            try {
                Path marker = installation.resolve(MARKER);
                if (Files.isDirectory(installation, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(marker).toInstant().isBefore(cutoff)) {
                    // Out of the name first: a run that looks for it from now on unpacks it again.
                    Path retired = root.resolve(installation.getFileName() + ".tmp-unused-" + System.nanoTime());
                    Files.move(installation, retired, StandardCopyOption.ATOMIC_MOVE);
                    DirectoryTree.delete(retired); // what stays, removeAbandoned takes later
                    removed.add(installation);
                }
            } catch (IOException | UncheckedIOException e) {
                // in use or gone: the next run looks again
            }
        }
        return removed;
    }

    private static byte[] read(PgArchive archive) throws DevDatabaseException {
        try {
            return archive.read();
        } catch (IOException e) {
            throw unreadable(archive, e);
        }
    }

    private static DevDatabaseException unreadable(PgArchive archive, IOException e) {
        return new DevDatabaseException("cannot read the PostgreSQL binaries " + archive.describe() + ": " + e.getMessage(), e);
    }

    /** Unpacked to the end, with the tools a run needs. */
    static boolean complete(Path installation) {
        return Files.isRegularFile(installation.resolve(MARKER))
                && Files.isExecutable(installation.resolve("bin/initdb")) && Files.isExecutable(installation.resolve("bin/postgres"));
    }

    private void removeAbandoned() throws IOException {
        Instant cutoff = Instant.now().minus(ABANDONED);
        List<Path> temps;
        try (Stream<Path> list = Files.list(root)) {
            temps = list.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
        }
        for (Path temp : temps) {
            try {
                FileTime modified = Files.getLastModifiedTime(temp);
                if (modified.toInstant().isBefore(cutoff)) {
                    DirectoryTree.delete(temp);
                }
            } catch (IOException gone) {
                // another run removed it
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
