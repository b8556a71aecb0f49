package io.schemagate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One {@code --report FORMAT=PATH}: which format, and where to write it whole or not at all.
 *
 * @param format the format's name, as given
 * @param path   the file
 */
record ReportFile(String format, Path path) {

    /** @throws CliException (bad input) for anything but {@code FORMAT=PATH} */
    static ReportFile parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new CliException(ExitCode.BAD_INPUT, "--report " + spec + ": expected FORMAT=PATH, e.g. json=lint.json");
        }
        return new ReportFile(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
    }

    /** Writes the report atomically; on failure, the one-line problem naming the path. */
    Optional<String> write(String content) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Optional<Path> file = fileInTheWay(parent);
                if (file.isPresent()) {
                    return Optional.of(cannotWrite(file.get() + " is a file, not a directory"));
                }
                Files.createDirectories(parent);
            }
            if (Files.isDirectory(path)) {
                return Optional.of(cannotWrite("it is a directory"));
            }
            AtomicFile.write(path, content);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(cannotWrite(IoMessages.reason(e)));
        }
    }

    /** The first existing ancestor, when it is not a directory: createDirectories would only say it exists. */
    private static Optional<Path> fileInTheWay(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private String cannotWrite(String why) {
        return "--report " + format + "=" + path + ": cannot write " + path + ": " + why;
    }
}
