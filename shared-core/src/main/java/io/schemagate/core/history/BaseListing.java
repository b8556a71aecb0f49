package io.schemagate.core.history;

import io.schemagate.core.git.TreeEntry;
import io.schemagate.core.git.WorkTree;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.Listing;
import io.schemagate.core.migrate.MigrationDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directory as it was at a commit, listed by its format. The committed files are written to a scratch folder
 * and listed there, so the base is read by exactly the same rules as the working tree (which files run, in which
 * order) without each format having to learn to read git.
 */
final class BaseListing {
    private BaseListing() {
    }

    static Listing at(WorkTree tree, String commit, MigrationDir dir, DirFormat format) throws HistoryException {
        String where = dir.display() + " at " + commit.substring(0, Math.min(7, commit.length()));
        List<TreeEntry> entries = tree.files(commit, tree.prefix())
                .orElseThrow(() -> new HistoryException("git could not list " + where))
                .stream()
                .filter(TreeEntry::isRegularFile)
                .filter(e -> readByFormats(e.path()))
                .toList();
        Map<String, byte[]> contents = tree.blobs(entries.stream().map(TreeEntry::objectId).toList())
                .orElseThrow(() -> new HistoryException("git could not read the files of " + where));
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("schemagate-base-");
            for (TreeEntry e : entries) {
                Path file = scratch.resolve(e.path()).normalize();
                if (!file.startsWith(scratch)) {
                    continue; // a crafted tree entry ("../x") must not write outside the scratch folder
                }
                Files.createDirectories(file.getParent());
                Files.write(file, contents.get(e.objectId()));
            }
            // Same display name as the working tree, so names and display paths of both listings line up.
            return format.list(new MigrationDir(scratch, dir.display()));
        } catch (IOException e) {
            throw new HistoryException("could not read " + where + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * Every format reads {@code *.sql} files, and Flyway also {@code <script>.sql.conf}; skipping the rest keeps a
     * directory that is the repository root from copying the whole repository.
     */
    private static boolean readByFormats(String path) {
        return path.endsWith(".sql") || path.endsWith(".sql.conf");
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A leftover temporary folder is harmless; the answer is already computed.
        }
    }
}
