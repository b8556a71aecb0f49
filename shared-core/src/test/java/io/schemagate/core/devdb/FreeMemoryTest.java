package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free memory as the kernel and the cgroup limits on the way to the root say, from trees made here. */
class FreeMemoryTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path root;

    @Test
    void theTightestCgroupV2LimitOnTheWayUpWins() throws Exception {
        meminfo(8 * GIB);
        cgroups("0::/ci/job\n");
        limit("cgroup/ci", "memory.max", "memory.current", 4 * GIB, 3 * GIB); // 1 GiB left
        limit("cgroup/ci/job", "memory.max", "memory.current", 10 * GIB, 2 * GIB);
        Files.writeString(Files.createDirectories(root.resolve("cgroup")).resolve("memory.max"), "max\n");
        assertEquals(OptionalLong.of(GIB), read());
    }

    @Test
    void aCgroupV1MemoryLimitCountsToo() throws Exception {
        meminfo(8 * GIB);
        cgroups("4:memory:/docker/abc\n0::/\n");
        limit("cgroup/memory/docker/abc", "memory.limit_in_bytes", "memory.usage_in_bytes", 2 * GIB, GIB / 2);
        assertEquals(OptionalLong.of(GIB + GIB / 2), read());
    }

    @Test
    void withoutLimitsTheMachinesFigureAndWithoutMeminfoNone() throws Exception {
        meminfo(3 * GIB);
        cgroups("0::/\n9:name=systemd:/\n");
        assertEquals(OptionalLong.of(3 * GIB), read());
        Files.delete(root.resolve("meminfo"));
        assertTrue(read().isEmpty());
    }

    private OptionalLong read() {
        return new FreeMemory(root.resolve("meminfo"), root.resolve("self-cgroup"), root.resolve("cgroup")).read();
    }

    private void meminfo(long available) throws Exception {
        Files.writeString(root.resolve("meminfo"), "MemTotal:       25000000 kB\nMemFree:         1000 kB\n"
                + "MemAvailable:   " + available / 1024 + " kB\n");
    }

    private void cgroups(String lines) throws Exception {
        Files.writeString(root.resolve("self-cgroup"), lines);
    }

    private void limit(String group, String limitFile, String usageFile, long limit, long usage) throws Exception {
        Path dir = Files.createDirectories(root.resolve(group));
        Files.writeString(dir.resolve(limitFile), limit + "\n");
        Files.writeString(dir.resolve(usageFile), usage + "\n");
    }
}
