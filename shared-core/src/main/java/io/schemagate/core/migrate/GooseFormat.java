package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose: {@code <version>_<name>.sql}, numeric order. What runs is the part between {@code -- +goose Up} and
 * {@code -- +goose Down}; {@code StatementBegin}/{@code StatementEnd} bound statements the splitter must not
 * cut; {@code -- +goose NO TRANSACTION} anywhere turns the transaction off.
 *
 * <p>Unlike Atlas's reader, annotations are whole comment lines, so SQL that merely contains the word
 * {@code Down} or {@code StatementEnd} is kept (rules.md §5, pitfalls 1 and 2).
 */
public record GooseFormat() implements DirFormat {
    private static final Pattern NAME = Pattern.compile("^([0-9]+)_(.+)\\.sql$");
    private static final Pattern ANNOTATION = Pattern.compile("^--\\s*\\+goose\\s+(.*?)\\s*$");

    @Override
    public String id() {
        return "goose";
    }

    @Override
    public Listing list(MigrationDir dir) throws IOException {
        List<SumInput> sql = RootSqlFiles.read(dir);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<MigrationFile> files = new ArrayList<>(RootSqlFiles.named(dir, sql, NAME,
                "goose expects <version>_<name>.sql with a numeric version", diagnostics));
        files.sort(Comparator.comparing((MigrationFile f) -> new BigInteger(f.version())).thenComparing(MigrationFile::name));
        VersionChecks.duplicates(files, f -> new BigInteger(f.version()), diagnostics);
        return new Listing(files, sql, diagnostics);
    }

    @Override
    public Layout layout(MigrationFile file, SourceText source, Dialect dialect) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        int upStart = -1;
        int upEnd = source.length();
        boolean noTransaction = false;
        for (int line = 1; line <= source.lineCount(); line++) {
            String text = source.line(line).strip();
            Matcher m = ANNOTATION.matcher(text);
            if (!m.matches()) {
                continue;
            }
            String annotation = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            switch (annotation) {
                case "up" -> {
                    if (upStart < 0) {
                        upStart = source.lineEnd(line);
                    }
                }
                case "down" -> {
                    if (upStart >= 0 && upEnd == source.length()) {
                        upEnd = source.lineStart(line);
                    }
                }
                case "no transaction" -> noTransaction = true;
                case "statementbegin", "statementend", "envsub on", "envsub off" -> { }
                default -> diagnostics.add(Rule.DI511.at(file.displayPath(), source.position(source.lineStart(line)),
                        "unknown goose annotation \"" + m.group(1) + "\" (expected Up, Down, StatementBegin, StatementEnd,"
                                + " NO TRANSACTION)"));
            }
        }
        if (upStart < 0) {
            diagnostics.add(Rule.DI513.at(file.displayPath(), source.position(0),
                    "no \"-- +goose Up\" annotation: goose runs nothing from this file"));
            return new Layout(List.of(), diagnostics);
        }
        Region up = Region.section("up", upStart, upEnd, noTransaction ? TxMode.NONE : null, true);
        return new Layout(List.of(up), diagnostics);
    }
}
