package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;

/** The one-line form of a finding every text rendering uses: {@code file:line:col: severity CODE: message}. */
final class DiagnosticLine {
    private DiagnosticLine() {
    }

    static String render(Diagnostic d, TextStyle style) {
        String where = d.file() + ":" + d.position().line() + ":" + d.position().column() + ":";
        String severity = switch (d.severity()) {
            case ERROR -> style.red("error");
            case WARNING -> style.yellow("warning");
            default -> d.severity().id();
        };
        return style.bold(where) + " " + severity + " " + style.dim(d.code()) + ": " + d.message();
    }
}
