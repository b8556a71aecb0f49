package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate: {@code <version>_<title>.up.sql} / {@code .down.sql}, version an unsigned 64-bit number, numeric
 * order. Only up files run and are hashed. The tool sends a file as one query, so PostgreSQL runs it in one
 * implicit transaction.
 */
public record GolangMigrateFormat() implements DirFormat {
    private static final Pattern NAME = Pattern.compile("^([0-9]+)_(.*)\\.(down|up)\\.(.*)$");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Override
    public String id() {
        return "golang-migrate";
    }

    @Override
    public boolean sendsFileAsOneQuery() {
        return true;
    }

    @Override
    public Listing list(MigrationDir dir) throws IOException {
        List<SumInput> sql = RootSqlFiles.read(dir);
        List<MigrationFile> ups = new ArrayList<>();
        List<MigrationFile> downs = new ArrayList<>();
        List<SumInput> hashed = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (SumInput in : sql) {
            if (in.name().endsWith(".up.sql")) {
                hashed.add(in);
            }
            Matcher m = NAME.matcher(in.name());
            if (!m.matches() || new BigInteger(m.group(1)).compareTo(MAX_UINT64) > 0) {
                diagnostics.add(VersionChecks.badName(dir, in.name(),
                        "golang-migrate expects <version>_<title>.up.sql or .down.sql with a numeric version"));
                continue;
            }
            MigrationFile file = MigrationFile.versioned(dir, in.name(), m.group(1), m.group(2), in.bytes());
            (m.group(3).equals("up") ? ups : downs).add(file);
        }
        Comparator<MigrationFile> numeric = Comparator.comparing(f -> new BigInteger(f.version()));
        ups.sort(numeric.thenComparing(MigrationFile::name));
        VersionChecks.duplicates(ups, f -> new BigInteger(f.version()), diagnostics);
        downs.sort(numeric.thenComparing(MigrationFile::name));
        VersionChecks.duplicates(downs, f -> new BigInteger(f.version()), diagnostics);
        return new Listing(ups, downs, hashed, diagnostics);
    }

    @Override
    public Layout layout(MigrationFile file, SourceText source, Dialect dialect) {
        return Layout.whole(source.length());
    }
}
