package io.schemagate.core.devdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL binaries unpacked once into {@code <cache>/binaries/postgres-<fingerprint>} (of the archive's zip entry,
 * or of its bytes where it is none), then reused by every run. Concurrent runs may both unpack: each works in its own
 * temp directory and renames it into place atomically, so a directory under the final name is always complete; the
 * marker written last proves it.
 */
final class BinariesCache {

    static final String MARKER = ".schemagate-complete";
    private static final CachedInstallations INSTALLATIONS = new CachedInstallations(Pattern.compile("postgres-[0-9a-f]{16}"),
            MARKER);

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
            INSTALLATIONS.markUsed(target);
            return target;
        }
        if (bytes == null) {
            bytes = read(archive);
        }
        try {
            Files.createDirectories(root);
            INSTALLATIONS.removeAbandoned(root);
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

    /** See {@link CachedInstallations#removeUnusedBesides}. */
    List<Path> removeUnusedBesides(Path current) {
        return INSTALLATIONS.removeUnusedBesides(current);
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
