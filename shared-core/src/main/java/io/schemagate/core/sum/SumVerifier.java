package io.schemagate.core.sum;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Compares a stored {@code atlas.sum} with the directory's current one, as Atlas's {@code migrate.Validate} (rules.md §4.4). */
public final class SumVerifier {
    /** {@code h1:} + 44 Base64 characters + LF: the offset of line 2. */
    private static final int FIRST_ENTRY_POS = 48;
    /** {@code " h1:"} + 44 + LF after each name. */
    private static final int ENTRY_OVERHEAD = 49;

    private SumVerifier() {
    }

    /**
     * Empty when the global sums agree; otherwise the first stored entry that differs.
     *
     * @param stored   the parsed {@code atlas.sum} (Atlas's {@code ac})
     * @param computed {@link SumFile#compute} over the directory as it is now (Atlas's {@code ex})
     */
    public static Optional<SumMismatch> verify(SumFile stored, SumFile computed) {
        if (stored.sum().equals(computed.sum())) {
            return Optional.empty();
        }
        List<SumEntry> ac = stored.entries();
        List<SumEntry> ex = computed.entries();
        int total = ac.size();
        int pos = FIRST_ENTRY_POS;
        for (int i = 0; i < ac.size(); i++) {
            SumEntry entry = ac.get(i);
            if (i < ex.size() && ex.get(i).equals(entry)) {
                pos += entry.name().getBytes(StandardCharsets.UTF_8).length + ENTRY_OVERHEAD;
                continue;
            }
            int line = i + 2; // line 1 is the global sum
            int at = indexOfName(ex, entry.name());
            if (at < 0) {
                return mismatch(SumMismatch.Reason.REMOVED, line, pos, total, entry.name());
            }
            if (at == i) {
                return mismatch(SumMismatch.Reason.EDITED, line, pos, total, entry.name());
            }
            if (i < ex.size()) {
                // The stored file moved down: something new sorts before it.
                return mismatch(SumMismatch.Reason.ADDED, line, pos, total, ex.get(i).name());
            }
            // Only reachable when the stored file lists a name twice; Atlas would index past its list here.
            return mismatch(SumMismatch.Reason.REMOVED, line, pos, total, entry.name());
        }
        // Every stored entry is unchanged, so the directory has more: the sums differ, so ex is longer than ac.
        return mismatch(SumMismatch.Reason.ADDED, total + 2, pos, total, ex.get(total).name());
    }

    private static Optional<SumMismatch> mismatch(SumMismatch.Reason reason, int line, int pos, int total, String file) {
        return Optional.of(new SumMismatch(reason, line, pos, total, file));
    }

    /** First index, as Atlas's {@code slices.IndexFunc}. */
    private static int indexOfName(List<SumEntry> entries, String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
