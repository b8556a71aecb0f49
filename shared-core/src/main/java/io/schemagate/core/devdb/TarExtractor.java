package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a tar stream into an empty directory the way the PostgreSQL binaries need it: executable bits and the
 * library symlinks kept, set-id bits dropped, and every entry and link target confined to the directory. The
 * archives are checked downloads or bundled, but a path that leaves the target is refused all the same.
 */
final class TarExtractor {

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private final Path root;
    private final Path realRoot;

    private TarExtractor(Path target) throws IOException {
        this.root = target.toAbsolutePath().normalize();
        this.realRoot = root.toRealPath();
    }

    /** Unpacks {@code tar} into the existing directory {@code target}; returns how many entries it held. */
    static int extract(InputStream tar, Path target) throws IOException {
        return new TarExtractor(target).extractAll(tar);
    }

    private int extractAll(InputStream tar) throws IOException {
        // Directory modes come last: a directory entry without write permission must not stop its own files.
        Map<Path, Integer> directoryModes = new LinkedHashMap<>();
        int count = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                Path path = lexicallyInside(root.resolve(name), name);
                if (entry.isDirectory()) {
                    prepareParent(path, name);
                    Files.createDirectories(path);
                    directoryModes.put(path, entry.getMode());
                } else if (path.equals(root)) {
                    throw new IOException("archive entry " + name + " would replace the target directory");
                } else if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (link.isAbsolute()) {
                        throw new IOException("archive entry " + name + " links to the absolute path " + link);
                    }
                    lexicallyInside(path.getParent().resolve(link), name);
                    prepareParent(path, name);
                    Files.createSymbolicLink(path, link);
                } else if (entry.isLink()) {
                    Path existing = lexicallyInside(root.resolve(entry.getLinkName()), name);
                    prepareParent(path, name);
                    Files.createLink(path, existing);
                } else if (entry.isFile()) {
                    prepareParent(path, name);
                    // CREATE_NEW neither overwrites an earlier entry nor follows a symlink one of them planted.
                    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        in.transferTo(out);
                    }
                    setMode(path, entry.getMode());
                } else {
                    throw new IOException("archive entry " + name + " is neither a file, a directory nor a link");
                }
                count++;
            }
        }
        for (Map.Entry<Path, Integer> directory : directoryModes.entrySet()) {
            setMode(directory.getKey(), directory.getValue() | 0700);
        }
        return count;
    }

    /** {@code path} normalised, refused when {@code ../} or an absolute name takes it out of the target. */
    private Path lexicallyInside(Path path, String name) throws IOException {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root)) {
            throw new IOException("archive entry " + name + " points outside the target directory");
        }
        return normalized;
    }

    /**
     * Creates the parent directories of {@code path}, after checking that no symlink unpacked earlier leads them out of
     * the target (a lexical check alone does not see through links).
     */
    private void prepareParent(Path path, String name) throws IOException {
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
            throw new IOException("archive entry " + name + " leads outside the target directory through a link");
        }
        Files.createDirectories(path.getParent());
        if (!path.getParent().toRealPath().startsWith(realRoot)) {
            throw new IOException("archive entry " + name + " leads outside the target directory through a link");
        }
    }

    private static void setMode(Path path, int mode) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        // The nine permission bits only: set-id and sticky bits from an archive are never honoured.
        Files.setPosixFilePermissions(path, permissions);
    }
}
