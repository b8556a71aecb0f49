package io.schemagate.cli;

import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.sum.SumFile;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "hash",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Write or refresh atlas.sum, the integrity file of the directory (byte-for-byte as Atlas writes it).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate migrate hash --dir file://migrations",
            "  schemagate migrate hash --dir db/migrations --dir-format golang-migrate"})
final class HashCommand implements Callable<Integer> {
    @Mixin
    DirectoryOptions options;

    private final Session session;

    HashCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        MigrationDir dir = options.directory();
        DirectoryHasher.Result result;
        try {
            result = DirectoryHasher.hash(dir, options.dirFormat());
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, dir.display() + ": cannot hash: " + IoMessages.describe(e), e);
        }
        String sumFile = dir.displayOf(SumFile.FILE_NAME);
        String entries = result.sum().entries().size() + (result.sum().entries().size() == 1 ? " file" : " files");
        session.terminal().out().println(result.changed()
                ? sumFile + ": written (" + entries + ")"
                : sumFile + ": already up to date (" + entries + ")");
        return ExitCode.PASSED;
    }
}
