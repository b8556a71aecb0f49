package io.schemagate.core.report;

import static io.schemagate.core.report.ValidationText.plural;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.Fix;
import io.schemagate.core.lint.Severity;

/** {@code migrate lint} for people: per file its changes and findings, then the verdict. */
public final class LintText {
    private LintText() {
    }

    public static String render(LintReport report, TextStyle style) {
        StringBuilder out = new StringBuilder();
        for (FileReport file : report.files()) {
            out.append(style.bold(file.name())).append(file.added() ? style.dim(" (new)") : "").append('\n');
            for (ChangeAt change : file.changes()) {
                out.append("  ").append(style.dim(String.format("%4d", change.line()))).append("  ")
                        .append(change.kind()).append(' ').append(change.object()).append('\n');
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
        String verdict = errors > 0 ? style.red("✗ " + errors + plural(errors, " error"))
                : style.green("✓ no errors");
        out.append(verdict).append(", ").append(warnings).append(plural(warnings, " warning"))
                .append(" in ").append(files).append(" of ").append(report.dir())
                .append(" (").append(report.selection()).append(')');
        if (report.devDatabase() != null) {
            out.append("; replayed on ").append(report.devDatabase());
        }
        return out.append('\n').toString();
    }
}
