package io.schemagate.core.history;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.migrate.MigrationFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the resolver the way the CLI will, and summarises its answer for assertions. */
final class Histories {
    private Histories() {
    }

    static History resolve(Path dir, String display, NewFiles selection, Map<String, String> env)
            throws IOException, HistoryException {
        return resolve(new AtlasFormat(), dir, display, selection, env);
    }

    static History resolve(DirFormat format, Path dir, String display, NewFiles selection, Map<String, String> env)
            throws IOException, HistoryException {
        MigrationDir migrations = new MigrationDir(dir, display);
        return HistoryResolver.resolve(migrations, format, format.list(migrations), selection, env);
    }

    static List<String> names(List<MigrationFile> files) {
        return files.stream().map(MigrationFile::name).toList();
    }

    /** "CODE file:line" per diagnostic. */
    static List<String> located(History history) {
        return history.diagnostics().stream()
                .map(d -> d.code() + " " + d.file() + ":" + d.position().line())
                .toList();
    }

    static Diagnostic only(History history, String code) {
        List<Diagnostic> found = history.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + code + ", got " + history.diagnostics());
        }
        return found.get(0);
    }
}
