package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Atlas: every {@code *.sql} in the root, in byte order of the names; version = name up to the first {@code _}.
 * The whole file runs, in one transaction unless {@code atlas:txmode none}.
 */
public record AtlasFormat() implements DirFormat {

    @Override
    public String id() {
        return "atlas";
    }

    @Override
    public boolean requiresSum() {
        return true;
    }

    @Override
    public Listing list(MigrationDir dir) throws IOException {
        List<SumInput> sql = RootSqlFiles.read(dir);
        List<MigrationFile> files = new ArrayList<>();
        for (SumInput in : sql) {
            String stem = in.name().substring(0, in.name().length() - ".sql".length());
            int underscore = stem.indexOf('_');
            String version = underscore < 0 ? stem : stem.substring(0, underscore);
            String description = underscore < 0 ? "" : stem.substring(underscore + 1);
            files.add(MigrationFile.versioned(dir, in.name(), version, description, in.bytes()));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        VersionChecks.duplicates(files, MigrationFile::version, diagnostics);
        VersionChecks.textOrderMatchesNumbers(files, diagnostics);
        return new Listing(files, sql, diagnostics);
    }

    @Override
    public Layout layout(MigrationFile file, SourceText source, Dialect dialect) {
        return Layout.whole(source.length());
    }
}
