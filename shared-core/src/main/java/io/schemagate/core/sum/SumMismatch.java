package io.schemagate.core.sum;

import io.schemagate.core.text.Position;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Why a directory no longer matches its {@code atlas.sum}, located as Atlas's {@code ChecksumError} (rules.md §4.4).
 *
 * @param reason what happened to {@code file}
 * @param line   1-based line of {@code atlas.sum} at the first difference
 * @param pos    byte offset of that line in the canonical {@code atlas.sum}
 * @param total  number of entries in the stored {@code atlas.sum}
 * @param file   the stored name for removed and edited files, the directory's name for added ones
 */
public record SumMismatch(Reason reason, int line, int pos, int total, String file) {

    public enum Reason { ADDED, EDITED, REMOVED }

    /** Where to report it in {@code atlas.sum}. */
    public Position position() {
        return new Position(pos, line, 1);
    }

    /**
     * The rule this mismatch violates: DI503 for an edit; DI505 for an added file while every stored file still
     * exists (a new file is not hashed); otherwise DI504, since a hashed file is gone (removal or rename).
     *
     * @param directoryNames every file the format lists, including {@code atlas:sum ignore} files, which are
     *                       present even though they have no entry
     */
    public String rule(SumFile stored, Collection<String> directoryNames) {
        return switch (reason) {
            case EDITED -> "DI503";
            case REMOVED -> "DI504";
            case ADDED -> allPresent(stored, directoryNames) ? "DI505" : "DI504";
        };
    }

    private static boolean allPresent(SumFile stored, Collection<String> directoryNames) {
        Set<String> present = new HashSet<>(directoryNames);
        return stored.entries().stream().allMatch(e -> present.contains(e.name()));
    }
}
