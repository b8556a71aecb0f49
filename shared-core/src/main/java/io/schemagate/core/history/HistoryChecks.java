package io.schemagate.core.history;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.migrate.FileKind;
import io.schemagate.core.migrate.Listing;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.migrate.MigrationFile;
import io.schemagate.core.sum.SumIgnore;
import io.schemagate.core.text.Position;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the working tree's listing with the base's: which files are new, and whether the change rewrote history
 * that databases may already have applied (rules.md §2.1: DI503 edited, DI504 deleted, DI506 non-linear).
 */
final class HistoryChecks {

    /**
     * The outcome, both lists in run order.
     *
     * @param edited how many of {@code added} are base files with other content (the rest are new names)
     */
    record Split(List<MigrationFile> base, List<MigrationFile> added, int edited, List<Diagnostic> diagnostics) {
    }

    private HistoryChecks() {
    }

    static Split compare(MigrationDir dir, Listing head, Listing baseListing, MergeBase mergeBase) {
        return compare(dir, head, baseListing, mergeBase.describe());
    }

    /** @param where how to name the base in messages */
    static Split compare(MigrationDir dir, Listing head, Listing baseListing, String where) {
        Map<String, MigrationFile> inBase = new HashMap<>();
        baseListing.files().forEach(f -> inBase.put(f.name(), f));

        List<MigrationFile> base = new ArrayList<>();
        List<MigrationFile> added = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        int edited = 0;
        for (MigrationFile file : head.files()) {
            MigrationFile before = inBase.get(file.name());
            if (before == null) {
                added.add(file);
            } else if (Arrays.equals(before.bytes(), file.bytes())) {
                base.add(file);
            } else {
                added.add(file); // linted again: the edit is what will reach new databases
                edited++;
                if (!isMeantToChange(before, file)) {
                    diagnostics.add(Rule.DI503.at(file.displayPath(), Position.START, file.name() + " is already in "
                            + where + " and this change edits it (from line "
                            + firstDifferentLine(before.bytes(), file.bytes()) + "), which databases that ran it will"
                            + " never apply: revert the edit and put it in a new migration"));
                }
            }
        }
        deletions(dir, head, baseListing, where, diagnostics);
        insertionsBeforeTheBase(head, inBase, where, diagnostics);
        diagnostics.sort(Diagnostic.READING_ORDER);
        return new Split(base, added, edited, diagnostics);
    }

    /** DI504 for base files the working tree no longer has. */
    private static void deletions(MigrationDir dir, Listing head, Listing baseListing, String where,
                                  List<Diagnostic> diagnostics) {
        Set<String> listedNow = new HashSet<>();
        head.files().forEach(f -> listedNow.add(f.name()));
        for (MigrationFile gone : baseListing.files()) {
            // Still on disk but no longer run (a newer Flyway baseline hides older versions) is not a deletion.
            if (!listedNow.contains(gone.name()) && !Files.exists(dir.resolve(gone.name()))) {
                diagnostics.add(Rule.DI504.at(gone.displayPath(), Position.START, gone.name() + " is in " + where
                        + " but this change deletes it, though databases may have applied it: restore it"
                        + " (renaming a file changes its version)"));
            }
        }
    }

    /** DI506 for new versioned files that run before the newest file the base already had. */
    private static void insertionsBeforeTheBase(Listing head, Map<String, MigrationFile> inBase, String where,
                                                List<Diagnostic> diagnostics) {
        List<MigrationFile> files = head.files();
        int newestBase = -1;
        for (int i = 0; i < files.size(); i++) {
            // Repeatables run after every versioned file whatever their age, so they say nothing about order.
            if (inBase.containsKey(files.get(i).name()) && files.get(i).kind() != FileKind.REPEATABLE) {
                newestBase = i;
            }
        }
        for (int i = 0; i < newestBase; i++) {
            MigrationFile file = files.get(i);
            String latest = files.get(newestBase).name();
            // A new Flyway baseline only serves empty databases, so it may sort anywhere.
            if (!inBase.containsKey(file.name()) && file.kind() == FileKind.VERSIONED) {
                diagnostics.add(Rule.DI506.at(file.displayPath(), Position.START, file.name() + " is new but sorts"
                        + " before " + latest + " from " + where + ", so databases that already ran " + latest
                        + " would apply it out of order or skip it: rename it to sort after " + latest));
            }
        }
    }

    /**
     * Files whose edits are expected: Flyway repeatables re-run whenever they change, and {@code atlas:sum ignore}
     * files are exempt from DI503 (rules.md §2.1).
     */
    private static boolean isMeantToChange(MigrationFile before, MigrationFile now) {
        return now.kind() == FileKind.REPEATABLE || SumIgnore.isIgnored(before.bytes()) || SumIgnore.isIgnored(now.bytes());
    }

    /** 1 + the LF bytes of {@code now} before the first byte where it differs from {@code before}. */
    private static int firstDifferentLine(byte[] before, byte[] now) {
        int mismatch = Arrays.mismatch(before, now);
        int end = mismatch < 0 ? Math.min(before.length, now.length) : Math.min(mismatch, now.length);
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (now[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
