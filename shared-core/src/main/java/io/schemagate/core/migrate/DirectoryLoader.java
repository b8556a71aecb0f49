package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumFormatException;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.sum.SumMismatch;
import io.schemagate.core.sum.SumVerifier;
import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a whole directory the way its tool does and checks everything that needs no database: the sum file, file
 * names, versions, directives, and that every file lexes. The first step of both {@code validate} and {@code lint}.
 */
public final class DirectoryLoader {
    private DirectoryLoader() {
    }

    /**
     * @throws IOException when the directory or one of its files cannot be read; {@link UnsafeEntryException} for
     *                     an entry that is no regular file of the directory (a link out of it, a named pipe)
     */
    public static LoadedDirectory load(MigrationDir dir, DirFormat format, Dialect dialect) throws IOException {
        return load(dir, format, format.list(dir), dialect);
    }

    /** As {@link #load(MigrationDir, DirFormat, Dialect)}, from the directory's listing ({@link DirFormat#list}). */
    public static LoadedDirectory load(MigrationDir dir, DirFormat format, Listing listing, Dialect dialect)
            throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>(listing.diagnostics());
        checkSum(dir, format, listing).ifPresent(diagnostics::add);
        Map<String, MigrationScript> scripts = new LinkedHashMap<>();
        for (MigrationFile file : Stream.concat(listing.files().stream(), listing.unrun().stream()).toList()) {
            try {
                MigrationScript script = ScriptReader.read(file, format, dialect);
                diagnostics.addAll(script.diagnostics());
                scripts.put(file.name(), script);
            } catch (SourceException e) {
                diagnostics.add(Rule.DI515.at(e.file(), e.position(), e.problem()));
            }
        }
        diagnostics.removeIf(d -> suppressedInHeader(d, scripts));
        diagnostics.sort(Diagnostic.READING_ORDER);
        return new LoadedDirectory(dir, format, listing, scripts, diagnostics);
    }

    /**
     * DI508 and DI513 are the only directory rules a file may suppress, and only by naming them in its header
     * ({@code -- atlas:nolint DI508}); a bare {@code atlas:nolint} covers analyzers, not the directory (rules.md §2.1).
     */
    private static boolean suppressedInHeader(Diagnostic d, Map<String, MigrationScript> scripts) {
        if (!d.code().equals("DI508") && !d.code().equals("DI513")) {
            return false;
        }
        return scripts.values().stream()
                .filter(s -> s.file().displayPath().equals(d.file()))
                .flatMap(s -> s.directives().nolint().stream())
                .anyMatch(n -> n.args().contains(d.code()));
    }

    /** Checks {@code atlas.sum} against the directory (rules.md §4.4). */
    static Optional<Diagnostic> checkSum(MigrationDir dir, DirFormat format, Listing listing) throws IOException {
        String sumFile = dir.displayOf(SumFile.FILE_NAME);
        Optional<byte[]> sumBytes = new DirectoryEntries(dir).readIfPresent(SumFile.FILE_NAME);
        if (sumBytes.isEmpty()) {
            if (format.requiresSum() && !listing.hashed().isEmpty()) {
                return Optional.of(Rule.DI501.at(sumFile, Position.START,
                        "the directory has no atlas.sum; run \"schemagate migrate hash --dir " + dir.display() + "\""
                                + (format.id().equals("atlas") ? "" : " --dir-format " + format.id())));
            }
            return Optional.empty();
        }
        SumFile stored;
        try {
            stored = SumFile.parse(sumFile, sumBytes.get());
        } catch (SumFormatException e) {
            return Optional.of(Rule.DI502.at(sumFile, e.position(), e.problem()));
        }
        Optional<SumMismatch> mismatch = SumVerifier.verify(stored, SumFile.compute(listing.hashed()));
        if (mismatch.isEmpty()) {
            return Optional.empty();
        }
        SumMismatch m = mismatch.get();
        List<String> names = listing.hashed().stream().map(SumInput::name).toList();
        Rule rule = Rule.valueOf(m.rule(stored, names));
        String shown = dir.displayOf(m.file());
        String message = switch (rule) {
            case DI503 -> shown + " was edited after atlas.sum was written (its sum is on line " + m.line()
                    + EditLocator.locate(dir, listing.hashed(), stored, m.file())
                            .map(e -> "; the edit starts at line " + e.line() + " of the file, compared with " + e.revision())
                            .orElse("")
                    + "); revert the edit and put the change in a new migration";
            case DI505 -> shown + " is not in atlas.sum; run \"schemagate migrate hash\" after adding a migration";
            default -> m.reason() == SumMismatch.Reason.REMOVED
                    ? shown + " is listed in atlas.sum (line " + m.line() + ") but is missing; restore it"
                    : shown + " is not in atlas.sum and a hashed file is missing: was a migration renamed? restore its old name";
        };
        return Optional.of(rule.at(sumFile, m.position(), message));
    }
}
