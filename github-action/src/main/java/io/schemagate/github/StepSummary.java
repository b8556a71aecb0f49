package io.schemagate.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/** The job summary page: Markdown appended to the file {@code GITHUB_STEP_SUMMARY} names. */
public final class StepSummary {
    private final Path file;

    private StepSummary(Path file) {
        this.file = file;
    }

    public static Optional<StepSummary> fromEnvironment(Map<String, String> env) {
        String path = env.get("GITHUB_STEP_SUMMARY");
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(new StepSummary(Path.of(path)));
    }

    public void append(String markdown) throws IOException {
        Files.writeString(file, markdown.endsWith("\n") ? markdown : markdown + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public Path file() {
        return file;
    }
}
