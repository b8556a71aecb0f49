package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import java.util.List;

/**
 * What {@code migrate validate} found.
 *
 * @param dir         the directory
 * @param format      its format
 * @param files       number of files the tool would run
 * @param statements  number of statements in them
 * @param diagnostics every finding, in reading order
 */
public record Validation(MigrationDir dir, DirFormat format, int files, int statements, List<Diagnostic> diagnostics) {
    public Validation {
        diagnostics = List.copyOf(diagnostics);
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    public boolean passed() {
        return count(Severity.ERROR) == 0;
    }
}
