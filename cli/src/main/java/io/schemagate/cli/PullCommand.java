package io.schemagate.cli;

import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.registry.MigrationArtifact;
import io.schemagate.core.registry.OciRef;
import io.schemagate.core.registry.RegistryException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pull",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Restore a pushed directory byte for byte into a new or empty directory, after checking every"
                + " digest; then check atlas.sum against the files.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate migrate pull --from oci://ghcr.io/acme/shop-migrations:3f2c1e9 --dir release/migrations",
            "  schemagate migrate pull --from oci://localhost:5000/migrations@sha256:… --dir out",
            "",
            "Without a tag or digest, latest is pulled.",
            "Exit codes: 0 pulled, 2 bad reference, missing tag or corrupt artifact, 3 registry unreachable or refused."})
final class PullCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "oci://HOST[:PORT]/REPOSITORY[:TAG|@DIGEST]", required = true,
            description = "What to pull.")
    String from;

    @Option(names = "--dir", paramLabel = "OUT", required = true,
            description = "Where to write the directory: file://PATH or PATH; must be new or empty.")
    String dir;

    @Mixin
    RegistryOptions registry;

    private final Session session;

    PullCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        OciRef ref = RegistryOptions.parse(from, "--from");
        MigrationDir out = MigrationDir.fromArgument(dir);
        MigrationArtifact.PullResult result;
        try {
            result = MigrationArtifact.pull(registry.client(ref, session.env()), out.path());
        } catch (RegistryException e) {
            throw RegistryOptions.failure(e);
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, out.display() + ": cannot write: " + IoMessages.describe(e), e);
        }
        session.terminal().out().println(ref.repositoryUrl() + "@" + result.digest() + " → " + out.display()
                + " (" + result.format() + ", " + result.files().size() + " files)");
        return ExitCode.PASSED;
    }
}
