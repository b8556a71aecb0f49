package io.schemagate.cli;

import io.schemagate.core.diff.DiffRequest;
import io.schemagate.core.diff.DiffResult;
import io.schemagate.core.diff.PlanFiles;
import io.schemagate.core.diff.PlanFiles.PlanFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Write the next migration: the DDL from the directory's end state to the desired schema (--to),"
                + " checked on the dev database, then refresh atlas.sum. Renames are never guessed: they are planned as"
                + " a drop and an add, with a note.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate migrate diff --dir file://migrations --to file://schema.sql add_user_email",
            "  schemagate migrate diff --dir db/migrations --to file://db/schema --dev-url postgres://postgres@localhost:5432/postgres add_orders",
            "",
            "Exit codes: 0 written (or nothing to write), 2 bad input (the directory, the desired schema, the name),",
            "3 dev database or file system failure."})
final class DiffCommand implements Callable<Integer> {
    @Mixin
    DirectoryOptions options;

    @Mixin
    DevDatabaseOptions dev;

    @Mixin
    PlanFlags plan;

    @Parameters(index = "0", paramLabel = "NAME", description = "The migration's name, e.g. add_user_email.")
    String name;

    private final Session session;
    private final Clock clock;

    DiffCommand(Session session) {
        this(session, Clock.systemUTC());
    }

    DiffCommand(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        DiffRequest request = PlanRun.request(options, dev, plan, session);
        DiffResult result = PlanRun.run(request, name, clock);
        PrintWriter out = session.terminal().out();
        if (result.plan().isEmpty()) {
            out.println(PlanRun.IN_SYNC);
            out.flush();
            PlanRun.warn(result, session.terminal().err());
            return ExitCode.PASSED;
        }
        try {
            PlanFiles.write(request.dir(), request.format(), result.files());
        } catch (IOException e) {
            throw new CliException(ExitCode.ENVIRONMENT, request.dir().display() + ": cannot write the plan: "
                    + IoMessages.describe(e), e);
        }
        for (PlanFile file : result.files()) {
            out.println("wrote " + request.dir().displayOf(file.name()));
        }
        out.flush();
        PlanRun.warn(result, session.terminal().err());
        return ExitCode.PASSED;
    }
}
