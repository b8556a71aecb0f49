package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Housekeeping of the server installations unpacked under a cache directory's {@code binaries/} (PostgreSQL's,
 * MariaDB's), each complete once its marker file exists: temp directories of runs that died while unpacking, and
 * installations no run has used for {@link #UNUSED}. Each new archive (a schemagate upgrade, another major) unpacks
 * beside the old one, and a CI cache carries the whole directory from job to job.
 *
 * @param names  the directory names of one kind's installations
 * @param marker the file written last into a complete installation; its time is when a run last used it
 */
public record CachedInstallations(Pattern names, String marker) {
    /** A temp directory this old is left over from a killed run, not one being unpacked. */
    static final Duration ABANDONED = Duration.ofHours(1);
    public static final Duration UNUSED = Duration.ofDays(14);

    /** Records that a run uses {@code installation} now (once unpacked, nothing else writes there). */
    public void markUsed(Path installation) {
        try {
            Files.setLastModifiedTime(installation.resolve(marker), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a read-only cache: nothing is removed from it either
        }
    }

    /** Removes temp directories of this kind under {@code root} that were left by runs killed while unpacking. */
    public void removeAbandoned(Path root) {
        Instant cutoff = Instant.now().minus(ABANDONED);
        for (Path temp : children(root)) {
            String name = temp.getFileName().toString();
            int tmp = name.indexOf(".tmp-");
            try {
                if (tmp > 0 && names.matcher(name.substring(0, tmp)).matches()
                        && Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                    DirectoryTree.delete(temp);
                }
            } catch (IOException gone) {
                // another run removed it
            }
        }
    }

    /**
     * Removes the installations of this kind beside {@code current} that no run has used for {@link #UNUSED}; returns
     * their directories (gone now), so what was kept for them can go too. Never throws.
     */
    public List<Path> removeUnusedBesides(Path current) {
        Instant cutoff = Instant.now().minus(UNUSED);
        List<Path> removed = new ArrayList<>();
        for (Path installation : children(current.getParent())) {
            if (installation.equals(current) || !names.matcher(installation.getFileName().toString()).matches()) {
                continue;
            }
            try {
                Path used = installation.resolve(marker);
                if (Files.isDirectory(installation, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(used, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(used).toInstant().isBefore(cutoff)) {
                    // Out of the name first: a run that looks for it from now on unpacks it again.
                    Path retired = installation.resolveSibling(installation.getFileName() + ".tmp-unused-" + System.nanoTime());
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

    private static List<Path> children(Path root) {
        try (Stream<Path> list = Files.list(root)) {
            return list.toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
