package io.schemagate.cli;

import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;
import java.nio.file.Files;
import picocli.CommandLine.Option;

/** {@code --dir} and {@code --dir-format}, shared by every command that reads a directory. */
public final class DirectoryOptions {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "file://migrations",
            description = "Migration directory: file://PATH or PATH (default: ${DEFAULT-VALUE}).")
    String dir;

    @Option(names = "--dir-format", paramLabel = "FORMAT", defaultValue = "atlas",
            description = "How the directory is laid out: atlas, flyway, golang-migrate, goose, dbmate, liquibase"
                    + " (default: ${DEFAULT-VALUE}).")
    String format;

    /** The directory, which must exist; a symbolic link to one is fine (the command line is trusted). */
    MigrationDir directory() {
        MigrationDir d = MigrationDir.fromArgument(dir);
        if (Files.isDirectory(d.path())) {
            return d;
        }
        String problem = Files.isRegularFile(d.path()) ? " is a file, not a directory"
                : Files.exists(d.path()) ? " is not a directory" : ": no such directory";
        throw new CliException(ExitCode.BAD_INPUT, d.display() + problem + " (--dir)");
    }

    DirFormat dirFormat() {
        return DirFormat.byId(format).orElseThrow(() -> new CliException(ExitCode.BAD_INPUT,
                "unknown --dir-format \"" + format + "\"; expected one of " + String.join(", ", DirFormat.ids())));
    }
}
