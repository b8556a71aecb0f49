package io.schemagate.core.migrate;

import io.schemagate.core.sql.Dialect;
import java.io.IOException;
import java.util.Objects;

/** {@code migrate validate}: a directory's load-time findings, counted. */
public final class DirectoryValidator {
    private DirectoryValidator() {
    }

    /** @throws IOException when the directory or one of its files cannot be read */
    public static Validation validate(MigrationDir dir, DirFormat format, Dialect dialect) throws IOException {
        LoadedDirectory loaded = DirectoryLoader.load(dir, format, dialect);
        int statements = loaded.listing().files().stream()
                .map(f -> loaded.scripts().get(f.name()))
                .filter(Objects::nonNull)
                .mapToInt(s -> s.statements().size())
                .sum();
        return new Validation(dir, format, loaded.listing().files().size(), statements, loaded.diagnostics());
    }
}
