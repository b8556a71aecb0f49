package io.schemagate.core.diff;

import io.schemagate.core.migrate.MigrationFile;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The versions the plan's files take: after the directory's last file, in the directory's own style. A directory
 * versioned by UTC timestamps (or an empty one) gets timestamps, one second apart and never before its newest file; one
 * numbered {@code 1, 2, …} or {@code 0001, 0002, …} gets the next numbers, zero-padded alike, so the new files sort
 * after the others for tools that compare versions as text (Atlas) as well as numerically.
 */
final class NextVersions {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Instant timestamp;
    private final BigInteger number;
    private final int width;
    private int taken;

    private NextVersions(Instant timestamp, BigInteger number, int width) {
        this.timestamp = timestamp;
        this.number = number;
        this.width = width;
    }

    /** @param files the directory's files in run order */
    static NextVersions after(List<MigrationFile> files, Instant now) {
        String last = files.isEmpty() ? null : files.get(files.size() - 1).version();
        if (last != null && last.matches("[0-9]{1,13}")) {
            return new NextVersions(null, new BigInteger(last), last.startsWith("0") ? last.length() : 0);
        }
        Instant at = now;
        for (MigrationFile file : files) {
            String version = file.version();
            if (version != null && version.matches("[0-9]{14}")) {
                Instant newest = LocalDateTime.parse(version, TIMESTAMP).toInstant(ZoneOffset.UTC);
                if (!newest.isBefore(at)) {
                    at = newest.plusSeconds(1);
                }
            }
        }
        return new NextVersions(at, null, 0);
    }

    /** The next version, each call one later. */
    String next() {
        int i = taken++;
        if (number == null) {
            return TIMESTAMP.format(timestamp.plusSeconds(i));
        }
        String next = number.add(BigInteger.valueOf(i + 1L)).toString();
        return width > next.length() ? "0".repeat(width - next.length()) + next : next;
    }
}
