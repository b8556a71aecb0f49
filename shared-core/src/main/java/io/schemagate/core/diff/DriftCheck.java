package io.schemagate.core.diff;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.plan.Plan;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.text.Position;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrate lint --to}: does the directory still build the desired schema? The difference is planned as
 * {@code migrate diff} would; when there is one, a DI518 finding on the desired schema names the missing statements.
 */
public final class DriftCheck {
    private static final int SHOWN = 3;

    private DriftCheck() {
    }

    /** {@code report} with the drift finding added (as the policy sets it), or unchanged when there is none. */
    public static LintReport check(LintReport report, DiffRequest request, Policy policy)
            throws IOException, DevDatabaseException {
        DiffResult result;
        try {
            result = MigrateDiff.run(request, "drift", Instant.now());
        } catch (PlanException e) {
            // The directory or the desired schema does not run (the lint above says why for the directory), or the
            // difference cannot be planned: the check cannot tell, and says so in the report like any finding.
            return with(report, request, policy, Rule.DI518.at(request.desired().display(), Position.START,
                    "the drift check could not compare the directory with this schema: " + e.getMessage()));
        }
        if (result.plan().isEmpty() && result.residual().isEmpty()) {
            return report;
        }
        List<Plan.PlannedStatement> missing = result.plan().statements();
        List<String> shown = missing.stream().limit(SHOWN).map(Plan.PlannedStatement::sql)
                .map(sql -> sql.lines().findFirst().orElse(sql)).toList();
        String message = "the migration directory does not build this schema: " + missing.size()
                + (missing.size() == 1 ? " statement is" : " statements are") + " missing"
                + (shown.isEmpty() ? "" : " (" + String.join("; ", shown) + (missing.size() > SHOWN ? "; …" : "") + ")")
                + (result.residual().isEmpty() ? "" : ", and " + result.residual().size()
                        + " differences the planner leaves to be written by hand ("
                        + String.join(", ", result.residual().stream().map(c -> c.kind() + " " + c.object()).toList())
                        + ")");
        Diagnostic found = Rule.DI518.at(request.desired().display(), Position.START, message);
        Diagnostic finding = new Diagnostic(found.code(), found.severity(), found.file(), found.position(),
                found.message(), List.of(new Fix("Write the missing statements as the next migration: schemagate"
                        + " migrate diff --to " + request.desired().display() + " NAME (or change the desired schema)",
                        null)));
        return with(report, request, policy, finding);
    }

    /** {@code report} with the finding on the desired schema, as the policy sets it. */
    private static LintReport with(LintReport report, DiffRequest request, Policy policy, Diagnostic finding) {
        List<Diagnostic> kept = policy.apply(List.of(finding));
        if (kept.isEmpty()) {
            return report;
        }
        List<FileReport> files = new ArrayList<>(report.files());
        files.add(new FileReport(request.desired().display(), false, null, List.of(), kept));
        return new LintReport(report.dir(), report.format(), report.devDatabase(), report.selection(), files);
    }
}
