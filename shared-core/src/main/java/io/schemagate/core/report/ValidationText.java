package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.migrate.Validation;

/** {@code migrate validate} for people: one line per finding, then a verdict. */
public final class ValidationText {
    private ValidationText() {
    }

    public static String render(Validation v, TextStyle style) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : v.diagnostics()) {
            out.append(DiagnosticLine.render(d, style)).append('\n');
        }
        String counts = v.files() + plural(v.files(), " file") + ", " + v.statements() + plural(v.statements(), " statement")
                + " (" + v.format().id() + " format)";
        long errors = v.count(Severity.ERROR);
        long warnings = v.count(Severity.WARNING);
        if (!v.diagnostics().isEmpty()) {
            out.append('\n');
        }
        if (errors > 0) {
            out.append(style.red("✗ " + v.dir().display() + " is not valid")).append(": ").append(counts)
                    .append("; ").append(errors).append(plural(errors, " error"));
        } else {
            out.append(style.green("✓ " + v.dir().display() + " is valid")).append(": ").append(counts);
        }
        if (warnings > 0) {
            out.append(errors > 0 ? ", " : "; ").append(warnings).append(plural(warnings, " warning"));
        }
        return out.append('\n').toString();
    }

    static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }
}
