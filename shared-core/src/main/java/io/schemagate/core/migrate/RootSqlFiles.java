package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code *.sql} files directly in a directory (dot-names included), read once, in byte order of their names;
 * entries that are not regular files are refused (see {@link DirectoryEntries}).
 */
final class RootSqlFiles {
    private RootSqlFiles() {
    }

    /** @throws UnsafeEntryException for a {@code *.sql} entry that is not a regular file of the directory */
    static List<SumInput> read(MigrationDir dir) throws IOException {
        List<String> names;
        try (Stream<Path> children = Files.list(dir.path())) {
            names = children.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList();
        }
        DirectoryEntries entries = new DirectoryEntries(dir);
        List<SumInput> files = new ArrayList<>(names.size());
        for (String name : names) {
            files.add(new SumInput(name, entries.read(name)));
        }
        files.sort((a, b) -> SumFile.BYTE_ORDER.compare(a.name(), b.name()));
        return files;
    }

    /**
     * The files whose names match {@code name} (group 1 the version, group 2 the description), in the given order;
     * every other one is reported as DI508 with {@code expectation}.
     */
    static List<MigrationFile> named(MigrationDir dir, List<SumInput> files, Pattern name, String expectation,
                                     List<Diagnostic> diagnostics) {
        List<MigrationFile> matching = new ArrayList<>();
        for (SumInput in : files) {
            Matcher m = name.matcher(in.name());
            if (m.matches()) {
                matching.add(MigrationFile.versioned(dir, in.name(), m.group(1), m.group(2), in.bytes()));
            } else {
                diagnostics.add(VersionChecks.badName(dir, in.name(), expectation));
            }
        }
        return matching;
    }
}
