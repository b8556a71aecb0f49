package io.schemagate.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * A file through which a step talks back to the runner, named by an environment variable: {@code GITHUB_OUTPUT}
 * (step outputs, see {@link ActionOutputs}) or {@code GITHUB_STEP_SUMMARY} (the job summary page, Markdown).
 * Steps only ever append to them.
 */
public record WorkflowFile(Path path) {

    /** The file {@code variable} names, or none outside GitHub Actions. */
    public static Optional<WorkflowFile> named(Map<String, String> env, String variable) {
        String path = env.get(variable);
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(new WorkflowFile(Path.of(path)));
    }

    /** Appends {@code text}, ending it with a newline so the next step's text starts on its own line. */
    public void append(String text) throws IOException {
        Files.writeString(path, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
