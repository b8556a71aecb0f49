package io.schemagate.core.diagnostic;

import io.schemagate.core.text.Position;
import java.util.Comparator;
import java.util.List;

/**
 * One finding.
 *
 * @param code     catalog code, e.g. {@code DI503}
 * @param severity after defaults (policy may change it later)
 * @param file     path as users see it, e.g. {@code migrations/1_a.sql}
 * @param position where; line 1 column 1 for findings about a whole file
 * @param message  one sentence naming the objects
 * @param fixes    suggested fixes, possibly none
 */
public record Diagnostic(String code, Severity severity, String file, Position position, String message, List<Fix> fixes) {

    /** By file, then line, then column: the order users read reports in. */
    public static final Comparator<Diagnostic> READING_ORDER = Comparator
            .comparing(Diagnostic::file)
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column())
            .thenComparing(Diagnostic::code);

    public Diagnostic {
        fixes = List.copyOf(fixes);
    }

    public Diagnostic(String code, Severity severity, String file, Position position, String message) {
        this(code, severity, file, position, message, List.of());
    }

    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(code, newSeverity, file, position, message, fixes);
    }

    /** {@code file:line:col: severity CODE: message} — the one-line form used in terminals and logs. */
    public String oneLine() {
        return file + ":" + position.line() + ":" + position.column() + ": " + severity.id() + " " + code + ": " + message;
    }
}
