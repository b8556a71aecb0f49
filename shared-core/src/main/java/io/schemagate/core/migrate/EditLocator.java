package io.schemagate.core.migrate;

import io.schemagate.core.git.GitFiles;
import io.schemagate.core.sum.SumEntry;
import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds where an edited migration file changed. {@code atlas.sum} only says that it changed, so this looks for the
 * hashed version in git ({@code HEAD}, then the staged one) — accepted only if it reproduces the stored sum entry —
 * and compares the two line by line.
 */
final class EditLocator {
    private static final List<String> REVISIONS = List.of("HEAD", "");

    /**
     * @param line     1-based line of the first difference in the current file
     * @param revision where the hashed version was found: {@code HEAD}, or "the index"
     */
    record Edit(int line, String revision) {
    }

    private EditLocator() {
    }

    static Optional<Edit> locate(MigrationDir dir, List<SumInput> hashed, SumFile stored, String file) {
        int index = indexOf(hashed, file);
        Optional<SumEntry> expected = stored.entries().stream().filter(e -> e.name().equals(file)).findFirst();
        if (index < 0 || expected.isEmpty()) {
            return Optional.empty();
        }
        byte[] current = hashed.get(index).bytes();
        for (String revision : REVISIONS) {
            Optional<byte[]> candidate = GitFiles.show(dir.path(), revision, file)
                    .filter(old -> !Arrays.equals(old, current))
                    .filter(old -> reproduces(hashed, index, old, expected.get()));
            if (candidate.isPresent()) {
                return Optional.of(new Edit(firstDifferentLine(candidate.get(), current),
                        revision.isEmpty() ? "the git index" : "git " + revision));
            }
        }
        return Optional.empty();
    }

    private static boolean reproduces(List<SumInput> hashed, int index, byte[] old, SumEntry expected) {
        List<SumInput> before = new ArrayList<>(hashed);
        before.set(index, new SumInput(hashed.get(index).name(), old));
        return SumFile.compute(before).entries().contains(expected);
    }

    private static int indexOf(List<SumInput> hashed, String file) {
        for (int i = 0; i < hashed.size(); i++) {
            if (hashed.get(i).name().equals(file)) {
                return i;
            }
        }
        return -1;
    }

    /** 1 + the number of LF bytes before the first byte where the two versions differ. */
    static int firstDifferentLine(byte[] a, byte[] b) {
        int mismatch = Arrays.mismatch(a, b);
        int end = mismatch < 0 ? Math.min(a.length, b.length) : mismatch;
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
