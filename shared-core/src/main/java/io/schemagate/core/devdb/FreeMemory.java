package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The memory this process may still fill without pushing the machine (or its container) into the OOM killer: the
 * kernel's {@code MemAvailable}, lowered by the room left under any cgroup v2 {@code memory.max} on the way from this
 * process's cgroup to the root. Files in a tmpfs count against both.
 */
final class FreeMemory {
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path OWN_CGROUP = Path.of("/proc/self/cgroup");
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private FreeMemory() {
    }

    /** Bytes, or empty where the kernel does not say (no /proc: not Linux). */
    static OptionalLong available() {
        OptionalLong machine = memAvailable();
        if (machine.isEmpty()) {
            return machine;
        }
        long room = machine.getAsLong();
        for (Path group = ownCgroup(); group != null && group.startsWith(CGROUP_ROOT); group = group.getParent()) {
            OptionalLong max = number(group.resolve("memory.max"));
            OptionalLong current = number(group.resolve("memory.current"));
            if (max.isPresent() && current.isPresent()) {
                room = Math.min(room, Math.max(0, max.getAsLong() - current.getAsLong()));
            }
        }
        return OptionalLong.of(room);
    }

    private static OptionalLong memAvailable() {
        try {
            for (String line : Files.readAllLines(MEMINFO, StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[1]) * 1024); // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a kernel that does not say
        }
        return OptionalLong.empty();
    }

    /** {@code /sys/fs/cgroup/<path>} of the v2 line {@code 0::<path>}; null under cgroup v1 or without one. */
    private static Path ownCgroup() {
        try {
            List<String> lines = Files.readAllLines(OWN_CGROUP, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith("0::/")) {
                    return CGROUP_ROOT.resolve(line.substring(4)).normalize();
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cgroups to respect
        }
        return null;
    }

    /** A file's single number ({@code max} and anything unreadable: empty). */
    private static OptionalLong number(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches("\\d+") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
