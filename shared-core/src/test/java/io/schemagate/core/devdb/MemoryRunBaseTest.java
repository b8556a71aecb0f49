package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs go to shared memory: only into a real tmpfs, only what fits, never into a directory that is not ours. */
class MemoryRunBaseTest {
    private static final Path SHM = Path.of("/dev/shm");

    @TempDir
    Path disk;
    private Path mount;
    private OsUser me;

    @BeforeEach
    void tmpfsOfOurOwn() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SHM) && "tmpfs".equals(Files.getFileStore(SHM).type()),
                "no tmpfs at /dev/shm on this machine");
        mount = Files.createDirectory(SHM.resolve("sg-" + UUID.randomUUID().toString().substring(0, 8)));
        me = OsUser.current();
    }

    @AfterEach
    void removeIt() {
        if (mount != null) {
            DirectoryTree.delete(mount);
        }
    }

    @Test
    void aSmallClusterGoesToAPrivateDirectoryInTheTmpfs() throws Exception {
        Optional<RunBase> base = new MemoryRunBase(mount, me, true, MemoryWatch.FLOOR).fitting(100L << 20);
        assertTrue(base.isPresent());
        assertEquals(mount.resolve("schemagate-" + me.uid()), base.get().path());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base.get().path())));
    }

    @Test
    void whatDoesNotFitTwiceOverWithRoomToSpareStaysOnDisk() {
        long tmpfs = SHM.toFile().getUsableSpace();
        assertFalse(new MemoryRunBase(mount, me, true, MemoryWatch.FLOOR).fitting(tmpfs / 2).isPresent());
        OptionalLong free = FreeMemory.available();
        assertTrue(free.isPresent() && free.getAsLong() > 0, "MemAvailable on Linux: " + free);
        assertFalse(new MemoryRunBase(mount, me, true, MemoryWatch.FLOOR).fitting(free.getAsLong()).isPresent());
        assertFalse(Files.exists(mount.resolve("schemagate-" + me.uid())), "nothing made for a run that does not go there");
    }

    @Test
    void onlyATmpfsAndOnlyWhenNotTurnedOff() throws Exception {
        Assumptions.assumeFalse("tmpfs".equals(Files.getFileStore(disk).type()), "the temp directory is a tmpfs here");
        assertFalse(new MemoryRunBase(disk, me, true, MemoryWatch.FLOOR).fitting(1 << 20).isPresent());
        assertFalse(new MemoryRunBase(mount, me, false, MemoryWatch.FLOOR).fitting(1 << 20).isPresent());
        assertFalse(new MemoryRunBase(mount.resolve("missing"), me, true, MemoryWatch.FLOOR).fitting(1 << 20).isPresent());
    }

    @Test
    void aTmpfsTooDeepForTheServersSocketIsNotUsed() throws Exception {
        Path deep = Files.createDirectories(mount.resolve("d".repeat(40)).resolve("e".repeat(40)));
        assertFalse(new MemoryRunBase(deep, me, true, MemoryWatch.FLOOR).fitting(1 << 20).isPresent());
    }

    @Test
    void aPlantedLinkOrAnOpenDirectoryIsNeverUsed() throws Exception {
        Path elsewhere = Files.createDirectory(disk.resolve("elsewhere"));
        Files.createSymbolicLink(mount.resolve("schemagate-" + me.uid()), elsewhere);
        MemoryRunBase linked = new MemoryRunBase(mount, me, true, MemoryWatch.FLOOR);
        assertFalse(linked.fitting(1 << 20).isPresent());
        linked.removeStale();
        assertTrue(Files.isDirectory(elsewhere));

        Files.delete(mount.resolve("schemagate-" + me.uid()));
        Path open = Files.createDirectory(mount.resolve("schemagate-" + me.uid()));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertFalse(new MemoryRunBase(mount, me, true, MemoryWatch.FLOOR).fitting(1 << 20).isPresent());
    }

    @Test
    void staleRunsInMemoryAreSweptLikeOnDisk() throws Exception {
        RunBase base = new MemoryRunBase(mount, me, true, MemoryWatch.FLOOR).fitting(1 << 20).orElseThrow();
        Path dead = Files.createDirectory(base.path().resolve(RunDirectory.PREFIX + "deadjvm00000"));
        Files.setLastModifiedTime(dead, java.nio.file.attribute.FileTime.fromMillis(0)); // no owner record, long ago
        RunDirectory live = base.newRun();
        new MemoryRunBase(mount, me, true, MemoryWatch.FLOOR).removeStale();
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live.path()), "this JVM's run stays");
    }
}
