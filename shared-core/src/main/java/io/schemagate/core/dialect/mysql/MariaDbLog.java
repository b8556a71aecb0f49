package io.schemagate.core.dialect.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads what mariadbd (bootstrap and server) wrote to the run's log, from a byte offset on, so a failure message
 * can say what went wrong in the server's own words.
 */
final class MariaDbLog {

    private MariaDbLog() {
    }

    /** The last error lines after {@code from}: mariadbd's {@code [ERROR]}, or the loader's and shell's failures. */
    static Optional<String> problem(Path log, long from) {
        List<String> errors = lines(log, from).stream()
                .filter(line -> line.contains("[ERROR]") || line.contains("error while loading shared libraries")
                        || line.contains("Fatal error") || line.startsWith("ERROR"))
                .toList();
        return errors.isEmpty() ? Optional.empty() : Optional.of(lastTwo(errors));
    }

    /** The first line after {@code from} that contains {@code text}. */
    static Optional<String> line(Path log, long from, String text) {
        return lines(log, from).stream().filter(line -> line.contains(text)).findFirst();
    }

    /** {@code otherwise}, followed by the log's last lines, whatever they say. */
    static String tail(Path log, String otherwise) {
        List<String> lines = lines(log, 0);
        return lines.isEmpty() ? otherwise : otherwise + ": " + lastTwo(lines);
    }

    private static List<String> lines(Path log, long from) {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(from);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // no log yet
        }
    }

    private static String lastTwo(List<String> lines) {
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
    }
}
