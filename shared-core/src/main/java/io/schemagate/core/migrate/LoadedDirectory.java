package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A directory read from disk.
 *
 * @param dir         where it is
 * @param format      its format
 * @param listing     the files its tool runs, in order
 * @param scripts     every file that could be read, by name (files with a DI515 finding are missing)
 * @param diagnostics load-time findings in reading order: naming, sum, directives, lexing
 */
public record LoadedDirectory(MigrationDir dir, DirFormat format, Listing listing, Map<String, MigrationScript> scripts,
                              List<Diagnostic> diagnostics) {
    public LoadedDirectory {
        scripts = Map.copyOf(scripts);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The script of a listed file, unless it could not be read. */
    public Optional<MigrationScript> script(MigrationFile file) {
        return Optional.ofNullable(scripts.get(file.name()));
    }
}
