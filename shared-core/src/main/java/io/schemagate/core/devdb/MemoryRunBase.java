package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where an embedded run that starts from a kept cluster lives when the machine has room: {@code /dev/shm/schemagate-
 * <uid>}, a tmpfs, instead of java.io.tmpdir. Copying the cluster is creating thousands of files, which a disk's
 * file system does at its own pace (6,000 files of a 1000-table cluster: 0.3 to 1.8 s on ext4 here, 0.25 s in tmpfs)
 * and the run's whole cluster is deleted at its end anyway. Only when the cluster fits twice over with a gibibyte to
 * spare in both the tmpfs and the memory the machine (or its container's cgroup) has free: a run's migrations make the
 * cluster grow, and tmpfs pages are memory; {@link MemoryWatch} stops a run that grows beyond that. Off with
 * {@code SCHEMAGATE_RUN_IN_MEMORY=false}.
 *
 * @param mount   the tmpfs ({@code /dev/shm}; the system property {@value #MOUNT_PROPERTY} for tests)
 * @param floor   what a run must leave free in both ({@link MemoryWatch#FLOOR}; {@value #FLOOR_PROPERTY} for tests)
 */
record MemoryRunBase(Path mount, OsUser user, boolean enabled, long floor) {
    static final String ENV = "SCHEMAGATE_RUN_IN_MEMORY";
    static final String MOUNT_PROPERTY = "schemagate.sharedMemory";
    static final String FLOOR_PROPERTY = "schemagate.sharedMemoryFloor";
    static final long SPARE = 1L << 30;

    static MemoryRunBase forCurrentUser() throws DevDatabaseException {
        return new MemoryRunBase(Path.of(System.getProperty(MOUNT_PROPERTY, "/dev/shm")), OsUser.currentOrFail(),
                !"false".equalsIgnoreCase(System.getenv(ENV)), Long.getLong(FLOOR_PROPERTY, MemoryWatch.FLOOR));
    }

    /** The base for a cluster of {@code clusterBytes}, if it fits in memory; empty otherwise, or if unusable. */
    Optional<RunBase> fitting(long clusterBytes) {
        // The run's socket directory is <base>/run-<12>/socket.
        boolean socketFits = base().toString().length() + 24 <= EmbeddedServer.MAX_SOCKET_DIRECTORY;
        if (!enabled || !socketFits || !Files.isDirectory(mount, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!"tmpfs".equals(Files.getFileStore(mount).type())) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        OptionalLong free = free();
        if (free.isEmpty() || free.getAsLong() < 2 * clusterBytes + SPARE) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunBase.at(base(), user));
        } catch (DevDatabaseException e) {
            return Optional.empty(); // someone else's, or not private: the disk will do
        }
    }

    /** What a run in the tmpfs may still fill: the less of the tmpfs's free space and the memory free. */
    OptionalLong free() {
        OptionalLong memory = FreeMemory.available();
        try {
            long tmpfs = Files.getFileStore(mount).getUsableSpace();
            return memory.isEmpty() ? memory : OptionalLong.of(Math.min(tmpfs, memory.getAsLong()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether {@code run} lives in this tmpfs. */
    boolean holds(RunDirectory run) {
        return run.path().startsWith(base());
    }

    /** Sweeps runs whose JVM is gone, as {@link RunBase#removeStale} does on disk; nothing if there is no base yet. */
    void removeStale() {
        if (Files.isDirectory(base(), LinkOption.NOFOLLOW_LINKS)) {
            try {
                RunBase.at(base(), user).removeStale();
            } catch (DevDatabaseException e) {
                // not ours: never used either
            }
        }
    }

    private Path base() {
        return mount.resolve("schemagate-" + user.uid());
    }
}
