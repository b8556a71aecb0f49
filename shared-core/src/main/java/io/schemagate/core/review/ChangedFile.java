package io.schemagate.core.review;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file a pull or merge request changes, and the lines of its new version that a review comment may sit on.
 *
 * @param path       repository-relative path
 * @param added      whether the request adds the file: then every line counts as changed, which also covers files
 *                   so large that the platform leaves the patch out
 * @param addedLines new-version line numbers the patch adds
 */
public record ChangedFile(String path, boolean added, Set<Integer> addedLines) {
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");

    public ChangedFile {
        addedLines = Set.copyOf(addedLines);
    }

    /** From a platform's diff API: whether the file is new, and its unified-diff patch (which may be absent). */
    public static ChangedFile of(String path, boolean added, String patch) {
        return new ChangedFile(path, added, addedLines(patch));
    }

    /** Whether the request changed line {@code line} of the new version. */
    public boolean changed(int line) {
        return line >= 1 && (added || addedLines.contains(line));
    }

    /** Whether it changed every line of {@code first..last}, so a multi-line suggestion can replace them. */
    public boolean changed(int first, int last) {
        for (int line = first; line <= last; line++) {
            if (!changed(line)) {
                return false;
            }
        }
        return true;
    }

    /** The new-version numbers of {@code +} lines in a unified-diff patch (hunks only, no file headers needed). */
    static Set<Integer> addedLines(String patch) {
        Set<Integer> lines = new TreeSet<>();
        if (patch == null) {
            return lines;
        }
        int next = -1; // new-version number of the next line; -1 outside a hunk
        for (String line : patch.split("\n", -1)) {
            Matcher hunk = HUNK.matcher(line);
            if (hunk.find()) {
                next = Integer.parseInt(hunk.group(1));
            } else if (next < 0 || line.startsWith("\\")) {
                continue; // before the first hunk, or "\ No newline at end of file"
            } else if (line.startsWith("+")) {
                lines.add(next++);
            } else if (line.startsWith(" ") || line.isEmpty()) {
                next++; // context
            } // "-" lines exist only in the old version
        }
        return lines;
    }
}
