package io.schemagate.github;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Step outputs, appended to the file {@code GITHUB_OUTPUT} names. Each value is written in the heredoc form with a
 * random delimiter, so no value (a path, a message) can end early or inject another output.
 */
public record ActionOutputs(WorkflowFile file) {

    /** The outputs file of this step, or none outside GitHub Actions. */
    public static Optional<ActionOutputs> fromEnvironment(Map<String, String> env) {
        return WorkflowFile.named(env, "GITHUB_OUTPUT").map(ActionOutputs::new);
    }

    public void set(String name, String value) throws IOException {
        String delimiter = "schemagate_" + UUID.randomUUID();
        file.append(name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n");
    }
}
