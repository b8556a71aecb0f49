package io.schemagate.core.report;

import static io.schemagate.core.report.ValidationText.plural;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.GateVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrate lint} for people: per file its changes, the dangerous locks it takes on existing relations, and its
 * findings; the counts, then the gate's verdict.
 */
public final class LintText {
    private LintText() {
    }

    /** @param verdict the gate's decision, the one the exit code follows; its line ends the text */
    public static String render(LintReport report, GateVerdict verdict, TextStyle style) {
        StringBuilder out = new StringBuilder();
        for (FileReport file : report.files()) {
            out.append(style.bold(file.name())).append(file.added() ? style.dim(" (new)") : "").append('\n');
            for (ChangeAt change : file.changes()) {
                out.append("  ").append(style.dim(String.format("%4d", change.line()))).append("  ")
                        .append(change.kind()).append(' ').append(change.object()).append('\n');
            }
            for (StatementLocks statement : file.statements()) {
                for (HeldLock held : LockText.risky(statement)) {
                    out.append("  ").append(style.dim(String.format("%4d", statement.line()))).append("  ")
                            .append(style.dim("lock ")).append(LockText.line(held)).append('\n');
                }
            }
            if (file.error() != null && file.diagnostics().isEmpty()) { // else a DI509/DI510 line says it
                out.append("  ").append(style.red("replay stopped: ")).append(file.error()).append('\n');
            }
            for (Diagnostic d : file.diagnostics()) {
                out.append("  ").append(DiagnosticLine.render(d, style)).append('\n');
                for (Fix fix : d.fixes()) {
                    out.append("      ").append(style.dim("fix: ")).append(fix.message()).append('\n');
                    if (fix.edit() != null) {
                        fix.edit().newText().lines().forEach(l -> out.append("        ").append(l).append('\n'));
                    }
                }
            }
            for (Suppressed s : file.suppressed()) {
                out.append("  ").append(style.dim("suppressed " + s.diagnostic().code() + " at line "
                        + s.diagnostic().position().line() + (s.reason().isBlank() ? "" : ": " + s.reason()))).append('\n');
            }
            out.append('\n');
        }
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        String files = report.addedFiles() + plural(report.addedFiles(), " new file");
        String counts = errors > 0 ? errors + plural(errors, " error") : "no errors";
        out.append(verdict.failed() ? style.red("✗ " + counts) : style.green("✓ " + counts)).append(", ").append(warnings).append(plural(warnings, " warning"))
                .append(" in ").append(files).append(" of ").append(report.dir())
                .append(" (").append(report.selection()).append(')');
        if (report.devDatabase() != null) {
            out.append("; replayed on ").append(report.devDatabase());
        }
        return out.append('\n').append(verdictLine(verdict)).append('\n').toString();
    }

    /**
     * {@code gate: failed (2 errors at or above fail-on error)}, {@code gate: passed (1 warning below fail-on
     * error)}: plain words a log reader or a script can match, whatever the colours.
     */
    static String verdictLine(GateVerdict verdict) {
        FailOn failOn = verdict.failOn();
        List<String> reaching = new ArrayList<>();
        List<String> below = new ArrayList<>();
        if (verdict.errors() > 0) {
            (failOn.reaches(Severity.ERROR) ? reaching : below).add(verdict.errors() + plural(verdict.errors(), " error"));
        }
        if (verdict.warnings() > 0) {
            (failOn.reaches(Severity.WARNING) ? reaching : below)
                    .add(verdict.warnings() + plural(verdict.warnings(), " warning"));
        }
        String threshold = "fail-on " + failOn.id();
        if (verdict.failed()) {
            return "gate: failed (" + String.join(" and ", reaching) + " at or above " + threshold + ")";
        }
        if (below.isEmpty()) {
            return "gate: passed (no errors or warnings; " + threshold + ")";
        }
        if (failOn == FailOn.NEVER) {
            return "gate: passed (" + threshold + ": " + String.join(" and ", below) + " do not fail it)";
        }
        return "gate: passed (" + String.join(" and ", below) + " below " + threshold + ")";
    }
}
