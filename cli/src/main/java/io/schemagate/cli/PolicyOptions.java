package io.schemagate.cli;

import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.PolicyFile;
import io.schemagate.core.text.SourceException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The policy file and the gate's threshold: shared by the commands that lint. */
public final class PolicyOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Policy file (default: schemagate.yaml at the repository root, else in the working directory).")
    Path config;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Lowest severity that fails the gate: error, warning or never (overrides the policy file).")
    String failOn;

    /** {@code --config} or the discovered {@code schemagate.yaml}, then {@code --fail-on} on top. */
    Policy policy(MigrationDir dir) {
        Policy policy = Policy.DEFAULTS;
        Optional<Path> file = Optional.ofNullable(config);
        try {
            if (file.isEmpty()) {
                file = PolicyFile.find(dir.path(), Path.of(""));
            }
            if (file.isPresent()) {
                policy = PolicyFile.load(file.get(), file.get().toString());
            }
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.BAD_INPUT, file.orElseThrow() + ": no such file (--config)", e);
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, file.orElseThrow() + ": " + IoMessages.describe(e), e);
        } catch (SourceException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
        if (failOn != null) {
            policy = policy.withFailOn(FailOn.parse(failOn).orElseThrow(() -> new CliException(ExitCode.BAD_INPUT,
                    "unknown --fail-on \"" + failOn + "\"; expected error, warning or never")));
        }
        return policy;
    }
}
