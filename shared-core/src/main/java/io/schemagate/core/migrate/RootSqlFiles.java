package io.schemagate.core.migrate;

import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code *.sql} files directly in a directory (dot-names included), read once, in byte order of their names. */
final class RootSqlFiles {
    private RootSqlFiles() {
    }

    static List<SumInput> read(MigrationDir dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> children = Files.list(dir.path())) {
            paths = children
                    .filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .toList();
        }
        List<SumInput> files = new ArrayList<>(paths.size());
        for (Path p : paths) {
            files.add(new SumInput(p.getFileName().toString(), Files.readAllBytes(p)));
        }
        files.sort((a, b) -> SumFile.BYTE_ORDER.compare(a.name(), b.name()));
        return files;
    }
}
