package io.schemagate.cli;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.diff.DesiredSchema;
import io.schemagate.core.diff.DiffRequest;
import io.schemagate.core.diff.DiffResult;
import io.schemagate.core.diff.MigrateDiff;
import io.schemagate.core.diff.PlanException;
import io.schemagate.core.schema.SchemaChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/** Runs the planner for a command and reports what it could not do, once for migrate diff and schema plan. */
final class PlanRun {
    static final String IN_SYNC = "the directory is in sync with the desired schema";

    private PlanRun() {
    }

    static DiffRequest request(DirectoryOptions directory, DevDatabaseOptions dev, PlanFlags flags, Session session) {
        DesiredSchema desired;
        try {
            desired = DesiredSchema.parse(flags.to);
        } catch (PlanException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
        return new DiffRequest(directory.directory(), directory.dirFormat(), desired, dev.url(session.env()),
                dev.settings(), flags.options());
    }

    static DiffResult run(DiffRequest request, String name, Clock clock) {
        try {
            return MigrateDiff.run(request, name, clock.instant());
        } catch (PlanException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, request.dir().display() + ": cannot read: "
                    + IoMessages.describe(e), e);
        } catch (DevDatabaseException e) {
            throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
        }
    }

    /** The plan's notes, and what it leaves undone, as warnings on stderr. */
    static void warn(DiffResult result, PrintWriter err) {
        for (String note : result.plan().notes()) {
            err.println("schemagate: note: " + note);
        }
        List<SchemaChange> residual = result.residual();
        if (!residual.isEmpty()) {
            err.println("schemagate: warning: the plan does not reach the desired schema; write these by hand: "
                    + String.join(", ", residual.stream().map(c -> c.kind() + " " + c.object()).toList()));
        }
        err.flush();
    }
}
