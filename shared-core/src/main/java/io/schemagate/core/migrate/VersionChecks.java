package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.text.Position;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Checks every versioned format shares: duplicate versions (DI507) and text-vs-number ordering (DI508). */
final class VersionChecks {
    private VersionChecks() {
    }

    /** Reports each file whose {@code key} (a normalised version) an earlier file already has. */
    static <K> void duplicates(List<MigrationFile> files, Function<MigrationFile, K> key, List<Diagnostic> out) {
        Map<K, MigrationFile> seen = new HashMap<>();
        for (MigrationFile file : files) {
            MigrationFile earlier = seen.putIfAbsent(key.apply(file), file);
            if (earlier != null) {
                out.add(Rule.DI507.at(file.displayPath(), Position.START,
                        "version " + file.version() + " is also used by " + earlier.name() + "; rename one of them"));
            }
        }
    }

    /**
     * Where numeric versions of unequal width sort differently as text than as numbers ({@code 10_x} before
     * {@code 2_y}), tools disagree on the order: reports the first file out of numeric order.
     */
    static void textOrderMatchesNumbers(List<MigrationFile> filesInTextOrder, List<Diagnostic> out) {
        BigInteger previous = null;
        MigrationFile previousFile = null;
        for (MigrationFile file : filesInTextOrder) {
            if (!isNumber(file.version())) {
                continue; // e.g. a dot-name; the numeric ones must still agree
            }
            BigInteger version = new BigInteger(file.version());
            if (previous != null && version.compareTo(previous) < 0) {
                out.add(Rule.DI508.at(file.displayPath(), Position.START,
                        "version " + file.version() + " sorts after " + previousFile.name() + " as text but before it as a number;"
                                + " pad versions to one width (e.g. timestamps)"));
                return;
            }
            previous = version;
            previousFile = file;
        }
    }

    static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static Diagnostic badName(MigrationDir dir, String name, String expectation) {
        return Rule.DI508.at(dir.displayOf(name), Position.START, "file name does not match the format: " + expectation);
    }
}
