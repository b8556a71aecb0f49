package io.schemagate.core.lint;

import io.schemagate.core.text.Position;
import java.util.Comparator;

/**
 * One finding.
 *
 * @param code     catalog code, e.g. {@code DI503}
 * @param severity after defaults (policy may change it later)
 * @param file     path relative to the migration directory's parent as the user gave it, e.g. {@code migrations/1_a.sql}
 * @param position where; line 1 column 1 for findings about a whole file
 * @param message  one sentence naming the objects
 */
public record Diagnostic(String code, Severity severity, String file, Position position, String message) {

    /** By file, then line, then column: the order users read reports in. */
    public static final Comparator<Diagnostic> READING_ORDER = Comparator
            .comparing(Diagnostic::file)
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column())
            .thenComparing(Diagnostic::code);

    /** {@code file:line:col: severity CODE: message} — the one-line form used in terminals and logs. */
    public String oneLine() {
        return file + ":" + position.line() + ":" + position.column() + ": " + severity.id() + " " + code + ": " + message;
    }
}
