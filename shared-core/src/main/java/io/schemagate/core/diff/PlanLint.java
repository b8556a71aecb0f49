package io.schemagate.core.diff;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.history.HistoryException;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.replay.ReplayException;
import io.schemagate.core.report.LintReport;
import java.io.IOException;
import java.util.Map;

/**
 * {@code schema plan}'s review: the plan's files, added to a private copy of the directory, linted as the new files
 * they would be, so a planned drop or lock reads exactly as it would on the pull request that adds them.
 */
public final class PlanLint {
    private PlanLint() {
    }

    public static LintReport lint(DiffRequest request, DiffResult result, Policy policy, Map<String, String> env)
            throws IOException, HistoryException, DevDatabaseException, ReplayException {
        // The new files are exactly the planned ones: those the directory as it is does not have.
        NewFiles planned = new NewFiles.Pushed(request.format().list(request.dir()), "the directory before the plan");
        try (StagedDirectory staged = StagedDirectory.of(request.dir(), request.format(), result.files())) {
            return MigrateLint.run(new LintRequest(staged.dir, request.format(), planned, request.devUrl(),
                    request.settings(), policy, env));
        }
    }
}
