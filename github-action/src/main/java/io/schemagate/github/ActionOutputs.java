package io.schemagate.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Step outputs, appended to the file {@code GITHUB_OUTPUT} names. Each value is written in the heredoc form with a
 * random delimiter, so no value (a path, a message) can end early or inject another output.
 */
public final class ActionOutputs {
    private final Path file;

    private ActionOutputs(Path file) {
        this.file = file;
    }

    /** The outputs file of this step, or none outside GitHub Actions. */
    public static Optional<ActionOutputs> fromEnvironment(Map<String, String> env) {
        String path = env.get("GITHUB_OUTPUT");
        return path == null || path.isBlank() ? Optional.empty()
                : Optional.of(new ActionOutputs(Path.of(path)));
    }

    public void set(String name, String value) throws IOException {
        String delimiter = "schemagate_" + UUID.randomUUID();
        Files.writeString(file, name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public Path file() {
        return file;
    }
}
