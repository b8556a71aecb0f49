package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The embedded server's base cache between runs: the data directory of a cleanly stopped cluster that holds cached
 * bases ({@link TemplateEntries}), kept as {@code <cache>/bases/<binaries>/snapshot} and copied into a run's
 * directory before its server starts (instead of initdb). One snapshot per set of binaries; the last run that stored
 * a base replaces it.
 *
 * <p>Its manifest, written last, lists every directory and every file with its size and CRC-32C; a copy is checked
 * against it as it is made. A snapshot that does not match (a truncated or damaged file, a missing manifest, a cluster
 * that was not shut down cleanly) is deleted, and the run starts from initdb. The manifest guards against damage, not
 * forgery (whoever can write the snapshot can write its manifest), so a checksum that costs nothing does: SHA-256 ran
 * at a seventh of the speed of the copy under the launcher's client compiler, 0.7 s per 100 MB.
 *
 * <p>Files are copied on every core: the copy is the kernel writing pages, which one thread does at ~100 MB/s here.
 */
final class DataDirSnapshots {

    private static final String SNAPSHOT = "snapshot";
    private static final String MANIFEST = "manifest";
    private static final String DATA = "data";
    /** Then the snapshot's id: a manifest from another version of this format, or another initdb, is not trusted. */
    private static final String HEADER = "schemagate data directory snapshot 2 initdb="
            + String.join(",", EmbeddedServer.INITDB_OPTIONS) + " id=";
    /** A temp or retired directory this old belongs to a run that died while saving. */
    private static final Duration STALE = Duration.ofHours(1);
    /** {@code DB_SHUTDOWNED} in pg_control's state field, at byte 16 in every version since 9.x. */
    private static final int SHUT_DOWN = 1;
    private static final int STATE_OFFSET = 16;

    private static final FileAttribute<?> PRIVATE_DIRECTORY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<?> PRIVATE_FILE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private final Path root;

    /** @param root {@code <cache>/bases/<binaries>}: the snapshot of one installation's clusters */
    DataDirSnapshots(Path root) {
        this.root = root;
    }

    /** Deletes what was kept for {@code installation}, whose binaries are gone. */
    static void forget(Path cacheDir, Path installation) {
        DirectoryTree.delete(forInstallation(cacheDir, installation).root);
    }

    static DataDirSnapshots forInstallation(Path cacheDir, Path installation) {
        return new DataDirSnapshots(cacheDir.resolve("bases").resolve(installation.getFileName().toString()));
    }

    /**
     * The bytes of the kept cluster's files as its manifest lists them; empty when there is none, or its sizes are not
     * sizes (the copy stops at a file larger than listed, so the sum bounds what a restore writes).
     */
    OptionalLong size() {
        try (Stream<String> lines = Files.lines(root.resolve(SNAPSHOT).resolve(MANIFEST), StandardCharsets.UTF_8)) {
            return OptionalLong.of(lines.skip(1).filter(line -> line.startsWith("f ")).mapToLong(line -> {
                long size = Long.parseLong(line.split(" ", 3)[1]);
                if (size < 0) {
                    throw new NumberFormatException("a negative size");
                }
                return size;
            }).reduce(0, Math::addExact));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty(); // none yet, or unsound: restoreInto will say
        }
    }

    /**
     * Copies the snapshot's cluster into {@code data} (which must not exist), checking it on the way. False when there
     * is none, or it is unsound (then it is deleted) or cannot be read: {@code data} is then removed again.
     */
    boolean restoreInto(Path data) {
        Path snapshot = root.resolve(SNAPSHOT);
        List<String> manifest;
        try {
            manifest = Files.readAllLines(snapshot.resolve(MANIFEST), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return false; // none yet (or being replaced this instant)
        }
        try {
            if (manifest.isEmpty() || !manifest.get(0).startsWith(HEADER) || !copyChecked(snapshot.resolve(DATA), data,
                    manifest.subList(1, manifest.size())) || !shutDownCleanly(data)) {
                discardUnsound(snapshot, manifest.isEmpty() ? "" : manifest.get(0));
                DirectoryTree.delete(data);
                return false;
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            DirectoryTree.delete(data); // a parallel run replaced the snapshot mid-copy, or the disk failed: initdb
            return false;
        }
    }

    /**
     * Keeps {@code data}, the directory of a cluster that was just shut down cleanly, as the snapshot. Best effort: a
     * failure leaves the previous snapshot (or none) and nothing half-written where a run would read it.
     */
    void save(Path data) {
        Path temp = null;
        try {
            if (!shutDownCleanly(data)) {
                return;
            }
            Files.createDirectories(root);
            sweep();
            temp = Files.createTempDirectory(root, "tmp-", PRIVATE_DIRECTORY);
            List<String> lines = new ArrayList<>();
            lines.add(HEADER + temp.getFileName().toString().substring(4) + "-" + System.nanoTime());
            Path kept = temp.resolve(DATA);
            // Moved where the cache is on the same file system (the run's cluster goes at close anyway), else copied.
            boolean renamed = renamed(data, kept);
            if (!(renamed ? listing(kept, null, lines) : listing(data, kept, lines))) {
                DirectoryTree.delete(temp);
                return;
            }
            Files.write(temp.resolve(MANIFEST), lines, StandardCharsets.UTF_8);
            Path current = root.resolve(SNAPSHOT);
            Path retired = root.resolve("old-" + temp.getFileName().toString().substring(4));
            if (Files.exists(current)) {
                Files.move(current, retired, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, current, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            DirectoryTree.delete(retired);
        } catch (IOException | UncheckedIOException e) {
            // the cache is an optimisation: the next run replays its base again
        } finally {
            if (temp != null) {
                DirectoryTree.delete(temp);
            }
        }
    }

    /** Renames {@code data} to {@code kept} if it can: not across file systems (tmpfs, a container's mounts). */
    private static boolean renamed(Path data, Path kept) {
        try {
            Files.move(data, kept, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Lists each directory and file of {@code from} (with size and checksum) in {@code lines}, copying them to {@code to}
     * unless that is null; false for what is not a stopped, self-contained cluster.
     */
    private static boolean listing(Path from, Path to, List<String> lines) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.sorted().toList();
        }
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            String relative = from.relativize(path).toString();
            if (Files.isSymbolicLink(path)) {
                return false; // a tablespace: outside the data directory, not a self-contained cluster
            }
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                if (to != null) {
                    Files.createDirectories(to.resolve(relative), PRIVATE_DIRECTORY);
                }
                lines.add("d " + relative);
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                if (relative.equals("postmaster.pid")) {
                    return false; // still running after all
                }
                files.add(path);
            } else {
                return false; // a socket, pipe or device: not part of a cluster a run may start from
            }
        }
        List<Optional<String>> copied = onAllCores(files, path -> (to == null ? checksum(path)
                : copyFile(path, to.resolve(from.relativize(path).toString()), Long.MAX_VALUE))
                .map(sizeAndChecksum -> "f " + sizeAndChecksum + " " + from.relativize(path)));
        if (copied.stream().anyMatch(Optional::isEmpty)) {
            return false;
        }
        copied.forEach(line -> lines.add(line.get()));
        return true;
    }

    /** Copies the snapshot's tree as its manifest lists it; false on the first difference. */
    private static boolean copyChecked(Path from, Path to, List<String> entries) throws IOException {
        if (Files.exists(to)) {
            throw new IOException(to + " exists");
        }
        record Listed(Path source, Path target, long size, String sizeAndChecksum) {
        }
        List<Listed> files = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.split(" ", 4);
            if (parts[0].equals("d") && parts.length == 2) {
                Path target = to.resolve(parts[1]).normalize();
                if (!target.startsWith(to)) {
                    return false;
                }
                Files.createDirectories(target, PRIVATE_DIRECTORY);
            } else if (parts[0].equals("f") && parts.length == 4) {
                Path target = to.resolve(parts[3]).normalize();
                Path source = from.resolve(parts[3]).normalize();
                if (!target.startsWith(to) || !source.startsWith(from) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                long size;
                try {
                    size = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
                files.add(new Listed(source, target, size, parts[1] + " " + parts[2]));
            } else {
                return false;
            }
        }
        List<Optional<String>> copied = onAllCores(files, file -> copyFile(file.source(), file.target(), file.size()));
        if (copied.stream().anyMatch(Optional::isEmpty)) {
            throw new IOException("a file of the snapshot could not be copied"); // replaced meanwhile, or a full disk
        }
        for (int i = 0; i < files.size(); i++) {
            if (!copied.get(i).get().equals(files.get(i).sizeAndChecksum())) {
                return false;
            }
        }
        // Nothing beyond the manifest: a file added to the snapshot would otherwise reach the server unchecked.
        try (Stream<Path> walk = Files.walk(from)) {
            return walk.count() == entries.size(); // the manifest lists the top directory itself as ""
        }
    }

    /**
     * Applies {@code copy} to every item on a pool of its own (the copy waits on the kernel's page writes, which one
     * thread does at ~100 MB/s here) and returns only when every item is done: a failed file must not leave others
     * still writing into a directory that is about to be deleted. Results in the items' order.
     */
    private static <T> List<Optional<String>> onAllCores(List<T> items, Function<T, Optional<String>> copy)
            throws IOException {
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            return pool.submit(() -> items.parallelStream().map(copy).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying a data directory", e);
        } catch (ExecutionException e) {
            throw new IOException("copying a data directory failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** {@code "<size> <crc32c>"} of one file; empty if it cannot be read. */
    private static Optional<String> checksum(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(read(in, OutputStream.nullOutputStream(), Long.MAX_VALUE));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * Copies one file (0600), returning {@code "<size> <crc32c>"} of what was copied; empty if it could not, or it
     * holds more than {@code atMost} bytes (the copy stops there: a manifest's size bounds what a restore writes).
     */
    private static Optional<String> copyFile(Path from, Path to, long atMost) {
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(Files.createFile(to, PRIVATE_FILE), StandardOpenOption.WRITE)) {
            return Optional.of(read(in, out, atMost));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String read(InputStream in, OutputStream out, long atMost) throws IOException {
        CRC32C checksum = new CRC32C();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            size += n;
            if (size > atMost) {
                throw new IOException("larger than the manifest says");
            }
            checksum.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return size + " " + Long.toHexString(checksum.getValue());
    }

    /** Whether pg_control says the cluster in {@code data} was shut down cleanly (not crashed, not running). */
    private static boolean shutDownCleanly(Path data) throws IOException {
        Path control = data.resolve("global").resolve("pg_control");
        if (!Files.isRegularFile(control, LinkOption.NOFOLLOW_LINKS) || Files.exists(data.resolve("postmaster.pid"))) {
            return false;
        }
        byte[] head = new byte[STATE_OFFSET + 4];
        try (InputStream in = Files.newInputStream(control)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        }
        return ByteBuffer.wrap(head, STATE_OFFSET, 4).order(ByteOrder.nativeOrder()).getInt() == SHUT_DOWN;
    }

    /** Deletes the snapshot (one that did not start). */
    void discard() {
        Path snapshot = root.resolve(SNAPSHOT);
        try {
            Path retired = root.resolve("old-failed-" + System.nanoTime());
            Files.move(snapshot, retired, StandardCopyOption.ATOMIC_MOVE);
            DirectoryTree.delete(retired);
        } catch (IOException | UncheckedIOException e) {
            // gone already
        }
    }

    /** Deletes the snapshot, unless a parallel run has replaced it since its manifest was read. */
    private void discardUnsound(Path snapshot, String header) {
        try {
            List<String> now = Files.readAllLines(snapshot.resolve(MANIFEST), StandardCharsets.UTF_8);
            if (!now.isEmpty() && !now.get(0).equals(header)) {
                return;
            }
            Path retired = root.resolve("old-unsound-" + System.nanoTime());
            Files.move(snapshot, retired, StandardCopyOption.ATOMIC_MOVE);
            DirectoryTree.delete(retired);
        } catch (AtomicMoveNotSupportedException e) {
            DirectoryTree.delete(snapshot);
        } catch (IOException | UncheckedIOException e) {
            // gone already, or not ours to delete: the next run checks it again
        }
    }

    /** Removes temp and retired directories of runs that died while saving. */
    private void sweep() throws IOException {
        Instant before = Instant.now().minus(STALE);
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if ((name.startsWith("tmp-") || name.startsWith("old-"))
                        && Files.getLastModifiedTime(child).toInstant().isBefore(before)) {
                    DirectoryTree.delete(child);
                }
            }
        }
    }
}
