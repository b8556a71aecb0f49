package io.schemagate.core.diff;

import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationFile;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The versions the plan's files take: after the directory's last file, in the directory's own style, and sorting last
 * however its tool compares versions. A directory versioned by UTC timestamps (or an empty one) gets timestamps, one
 * second apart, never before its newest file; one numbered {@code 1, 2, …} or {@code 0001, 0002, …} gets the next
 * numbers, zero-padded alike. Atlas compares versions as text: an unpadded number that would gain a digit ({@code 9}
 * then {@code 10}) would sort first, and is refused.
 */
final class NextVersions {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final BigInteger TIMESTAMP_LIMIT = BigInteger.TEN.pow(14);

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
    static NextVersions after(List<MigrationFile> files, DirFormat format, Instant now) throws PlanException {
        String last = files.isEmpty() ? null : files.get(files.size() - 1).version();
        BigInteger highest = BigInteger.ZERO;
        Instant newest = null;
        for (MigrationFile file : files) {
            String version = file.version();
            if (version == null || !version.matches("[0-9]+")) {
                continue;
            }
            highest = highest.max(new BigInteger(version));
            Instant at = timestamp(version);
            if (at != null && (newest == null || at.isAfter(newest))) {
                newest = at;
            }
        }
        boolean numbered = last != null && last.matches("[0-9]+") && timestamp(last) == null;
        if (numbered || highest.compareTo(TIMESTAMP_LIMIT) >= 0) {
            int width = last != null && last.startsWith("0") ? last.length() : 0;
            if (format.id().equals("atlas") && width == 0 && last != null
                    && highest.add(BigInteger.ONE).toString().length() > last.length()) {
                throw new PlanException("the directory's versions are unpadded numbers compared as text: "
                        + highest.add(BigInteger.ONE) + " would sort before " + last + "; name the next migration"
                        + " by hand (or zero-pad the versions)");
            }
            return new NextVersions(null, highest, width);
        }
        Instant at = newest != null && !newest.isBefore(now) ? newest.plusSeconds(1) : now;
        return new NextVersions(at, null, 0);
    }

    /** The version as a UTC timestamp, or null when it is not a valid one. */
    private static Instant timestamp(String version) {
        if (version.length() != 14) {
            return null;
        }
        try {
            return LocalDateTime.parse(version, TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
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
