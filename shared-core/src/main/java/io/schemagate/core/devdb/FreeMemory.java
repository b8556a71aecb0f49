package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory this process may still fill without pushing the machine (or its container) into the OOM killer: the
 * kernel's {@code MemAvailable}, lowered by the room left under any cgroup memory limit on the way from this process's
 * cgroup to the root (v2 {@code memory.max}, v1 {@code memory.limit_in_bytes}; a container sees its own cgroup as the
 * root of the hierarchy, so the walk up ends there). Files in a tmpfs count against both.
 */
record FreeMemory(Path meminfo, Path ownCgroup, Path cgroupRoot) {
    private static final FreeMemory THIS_PROCESS = new FreeMemory(Path.of("/proc/meminfo"), Path.of("/proc/self/cgroup"),
            Path.of("/sys/fs/cgroup"));
    private static final Pattern V1_MEMORY = Pattern.compile("\\d+:(?:[^:]*,)?memory(?:,[^:]*)?:(/.*)");

    /** One hierarchy's files: where it is mounted, and what its limit and usage files are called. */
    private record Hierarchy(Path root, String limit, String usage) {
    }

    /** Bytes, or empty where the kernel does not say (no /proc: not Linux). */
    static OptionalLong available() {
        return THIS_PROCESS.read();
    }

    /** As {@link #available()}, from these files (tests give a tree of their own). */
    OptionalLong read() {
        OptionalLong machine = memAvailable();
        if (machine.isEmpty()) {
            return machine;
        }
        long room = machine.getAsLong();
        for (String line : ownCgroups()) {
            Matcher v1 = V1_MEMORY.matcher(line);
            if (line.startsWith("0::/")) {
                room = Math.min(room, roomUnder(new Hierarchy(cgroupRoot, "memory.max", "memory.current"), line.substring(4)));
            } else if (v1.matches()) {
                room = Math.min(room, roomUnder(new Hierarchy(cgroupRoot.resolve("memory"), "memory.limit_in_bytes",
                        "memory.usage_in_bytes"), v1.group(1).substring(1)));
            }
        }
        return OptionalLong.of(room);
    }

    /** The least room under any limit from {@code relative} up to the hierarchy's root; unlimited: Long.MAX_VALUE. */
    private static long roomUnder(Hierarchy hierarchy, String relative) {
        long room = Long.MAX_VALUE;
        for (Path group = hierarchy.root().resolve(relative).normalize(); group != null && group.startsWith(hierarchy.root());
             group = group.getParent()) {
            OptionalLong limit = number(group.resolve(hierarchy.limit()));
            OptionalLong usage = number(group.resolve(hierarchy.usage()));
            if (limit.isPresent() && usage.isPresent()) {
                room = Math.min(room, Math.max(0, limit.getAsLong() - usage.getAsLong()));
            }
        }
        return room;
    }

    private OptionalLong memAvailable() {
        try {
            for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
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

    private List<String> ownCgroups() {
        try {
            return Files.readAllLines(ownCgroup, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return List.of(); // no cgroups to respect
        }
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
