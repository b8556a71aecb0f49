package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.lock.StatementLocks;
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
 * @param statements  each statement that ran (new files only) with the locks it took, where the dev database showed
 *                    them
 */
public record FileReport(String name, boolean added, String error, List<ChangeAt> changes, List<Diagnostic> diagnostics,
                         List<Suppressed> suppressed, List<StatementLocks> statements) {
    public FileReport {
        changes = List.copyOf(changes);
        diagnostics = List.copyOf(diagnostics);
        suppressed = List.copyOf(suppressed);
        statements = List.copyOf(statements);
    }

    public FileReport(String name, boolean added, String error, List<ChangeAt> changes, List<Diagnostic> diagnostics) {
        this(name, added, error, changes, diagnostics, List.of(), List.of());
    }

    /** The same file with these findings. */
    public FileReport withDiagnostics(List<Diagnostic> findings) {
        return new FileReport(name, added, error, changes, findings, suppressed, statements);
    }
}
