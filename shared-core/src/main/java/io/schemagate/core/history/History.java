package io.schemagate.core.history;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.migrate.MigrationFile;
import java.util.List;

/**
 * Which files of a listing are base (already applied elsewhere) and which are new. Every listed file is in exactly
 * one of the two lists; an edited base file is in {@code added}, so it gets linted, and has a DI503.
 *
 * @param base        files the change did not add or alter, in run order
 * @param added       files to lint, in run order
 * @param explanation one sentence for users saying how the new files were chosen
 * @param diagnostics history findings (DI503, DI504, DI506)
 */
public record History(List<MigrationFile> base, List<MigrationFile> added, String explanation,
                      List<Diagnostic> diagnostics) {
    public History {
        base = List.copyOf(base);
        added = List.copyOf(added);
        diagnostics = List.copyOf(diagnostics);
    }
}
