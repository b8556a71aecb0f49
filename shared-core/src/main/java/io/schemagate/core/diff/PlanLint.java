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
        try (StagedDirectory staged = StagedDirectory.of(request.dir(), request.format(), result.files())) {
            int added = (int) result.files().stream().filter(f -> f.name().endsWith(".sql")).count();
            return MigrateLint.run(new LintRequest(staged.dir, request.format(), new NewFiles.Latest(added),
                    request.devUrl(), request.settings(), policy, env));
        }
    }
}
