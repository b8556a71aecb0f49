package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sum.SumInput;
import java.util.List;

/**
 * The files a tool would run, in its order, plus what is wrong with the directory's naming.
 *
 * @param files       in run order
 * @param unrun       files the tool keeps but does not run on migrate (down and undo scripts); checked, not run
 * @param hashed      what {@code atlas.sum} covers, in its order (rules.md §4.1)
 * @param diagnostics naming and version problems (DI507, DI508)
 */
public record Listing(List<MigrationFile> files, List<MigrationFile> unrun, List<SumInput> hashed,
                      List<Diagnostic> diagnostics) {
    public Listing {
        files = List.copyOf(files);
        unrun = List.copyOf(unrun);
        hashed = List.copyOf(hashed);
        diagnostics = List.copyOf(diagnostics);
    }

    public Listing(List<MigrationFile> files, List<SumInput> hashed, List<Diagnostic> diagnostics) {
        this(files, List.of(), hashed, diagnostics);
    }
}
