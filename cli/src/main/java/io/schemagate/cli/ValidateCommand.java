package io.schemagate.cli;

import io.schemagate.core.migrate.DirectoryValidator;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.migrate.Validation;
import io.schemagate.core.report.ValidationJson;
import io.schemagate.core.report.ValidationText;
import io.schemagate.core.sql.Dialect;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Check a migration directory without a database: atlas.sum present and matching, file names"
                + " and versions for the format, directives, and that every file lexes. Exits 2 when anything is wrong.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate migrate validate --dir file://migrations",
            "  schemagate migrate validate --dir db/migration --dir-format flyway",
            "  schemagate migrate validate --dir migrations --format json",
            "  schemagate migrate validate --dir migrations --dialect mysql"})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    DirectoryOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: text (for people) or json (for machines). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "postgres",
            description = "SQL dialect for lexing: postgres, mysql (also MariaDB), sqlite (default: ${DEFAULT-VALUE}).")
    String dialect;

    private final Session session;

    ValidateCommand(Session session) {
        this.session = session;
    }

    private Dialect sqlDialect() {
        return Dialect.parse(dialect).orElseThrow(() -> new CliException(ExitCode.BAD_INPUT,
                "unknown --dialect \"" + dialect + "\"; expected postgres, mysql or sqlite"));
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CliException(ExitCode.BAD_INPUT, "unknown --format \"" + format + "\"; expected text or json");
        }
        MigrationDir dir = options.directory();
        Validation validation;
        try {
            validation = DirectoryValidator.validate(dir, options.dirFormat(), sqlDialect());
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, dir.display() + ": cannot read: " + IoMessages.describe(e), e);
        }
        Terminal terminal = session.terminal();
        terminal.out().print(format.equals("json")
                ? ValidationJson.render(validation)
                : ValidationText.render(validation, terminal.style()));
        terminal.out().flush();
        return validation.passed() ? ExitCode.PASSED : ExitCode.BAD_INPUT;
    }
}
