package io.schemagate.core.diff;

import io.schemagate.core.policy.GateVerdict;
import io.schemagate.core.report.LintReport;
import java.util.List;

/**
 * What {@code schema plan} found, as every front end shows it (the pull/merge-request comment, the job summary).
 *
 * @param dir        the directory as users named it
 * @param desired    the desired schema as users named it
 * @param files      the planned files, named as they would be in the directory; empty when there is nothing to write
 * @param statements how many statements the plan holds
 * @param notes      what a reviewer must know and the statements do not say
 * @param unplanned  what the plan leaves undone, {@code KIND OBJECT} each, to write by hand
 * @param lint       the planned files linted as new files; {@code null} when nothing is planned
 * @param verdict    the gate's decision on {@code lint}; {@code null} when nothing is planned
 */
public record PlanReport(String dir, String desired, List<File> files, int statements, List<String> notes,
        List<String> unplanned, LintReport lint, GateVerdict verdict) {
    /** A planned file: its name as shown (the directory's display name, then the file's) and its text. */
    public record File(String name, String text) {
    }

    public PlanReport {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
        unplanned = List.copyOf(unplanned);
    }

    public static PlanReport of(DiffRequest request, DiffResult result, LintReport lint, GateVerdict verdict) {
        return new PlanReport(request.dir().display(), request.desired().display(),
                result.files().stream().map(f -> new File(request.dir().displayOf(f.name()), f.text())).toList(),
                result.plan().statements().size(), result.plan().notes(),
                result.residual().stream().map(c -> c.kind() + " " + c.object()).toList(),
                lint, verdict);
    }

    /** Nothing to write and nothing left undone: the directory builds the desired schema. */
    public boolean inSync() {
        return statements == 0 && unplanned.isEmpty();
    }

    /** Whether the gate fails the plan. */
    public boolean failed() {
        return verdict != null && verdict.failed();
    }
}
