package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import java.util.List;

/**
 * One file in a lint report.
 *
 * @param name        path as users see it
 * @param added       whether it is new in this change (linted), rather than a base file or {@code atlas.sum}
 * @param error       why replay stopped in this file, or {@code null}
 * @param changes     schema changes its statements made (new files only)
 * @param diagnostics findings on this file, in reading order
 * @param suppressed  findings {@code atlas:nolint} suppressed, with their reasons
 */
public record FileReport(String name, boolean added, String error, List<ChangeAt> changes, List<Diagnostic> diagnostics,
                         List<Suppressed> suppressed) {
    public FileReport {
        changes = List.copyOf(changes);
        diagnostics = List.copyOf(diagnostics);
        suppressed = List.copyOf(suppressed);
    }

    public FileReport(String name, boolean added, String error, List<ChangeAt> changes, List<Diagnostic> diagnostics) {
        this(name, added, error, changes, diagnostics, List.of());
    }
}
