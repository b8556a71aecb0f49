package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate: {@code <version>_<name>.sql}, ordered by name. What runs is the lines after {@code -- migrate:up} up to
 * {@code -- migrate:down}; {@code -- migrate:up transaction:false} turns the transaction off.
 *
 * <p>Unlike Atlas's reader, only the marker lines themselves are recognised (rules.md §5, pitfall 3).
 */
public record DbmateFormat() implements DirFormat {
    private static final Pattern NAME = Pattern.compile("^([0-9]+)_(.*)\\.sql$");
    private static final Pattern MARKER = Pattern.compile("^--\\s*migrate:(up|down)(?:\\s+(.*?))?\\s*$");
    private static final Pattern OPTION = Pattern.compile("(\\w+):(\\S+)");

    @Override
    public String id() {
        return "dbmate";
    }

    @Override
    public Listing list(MigrationDir dir) throws IOException {
        List<SumInput> sql = RootSqlFiles.read(dir);
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<MigrationFile> files = RootSqlFiles.named(dir, sql, NAME,
                "dbmate expects <version>_<name>.sql with a numeric version", diagnostics);
        VersionChecks.duplicates(files, MigrationFile::version, diagnostics);
        VersionChecks.textOrderMatchesNumbers(files, diagnostics);
        return new Listing(files, sql, diagnostics);
    }

    @Override
    public Layout layout(MigrationFile file, SourceText source, Dialect dialect) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        int upStart = -1;
        int upEnd = source.length();
        TxMode txMode = null;
        for (int line = 1; line <= source.lineCount(); line++) {
            Matcher m = MARKER.matcher(source.line(line).strip());
            if (!m.matches()) {
                continue;
            }
            if (m.group(1).equals("up") && upStart < 0) {
                upStart = source.lineEnd(line);
                txMode = transactionOption(m.group(2), file, source, line, diagnostics);
            } else if (m.group(1).equals("down") && upStart >= 0 && upEnd == source.length()) {
                upEnd = source.lineStart(line);
            }
        }
        if (upStart < 0) {
            diagnostics.add(Rule.DI513.at(file.displayPath(), source.position(0),
                    "no \"-- migrate:up\" line: dbmate runs nothing from this file"));
            return new Layout(List.of(), diagnostics);
        }
        return new Layout(List.of(Region.section("up", upStart, upEnd, txMode, false)), diagnostics);
    }

    private static TxMode transactionOption(String options, MigrationFile file, SourceText source, int line,
                                            List<Diagnostic> diagnostics) {
        if (options == null) {
            return null;
        }
        TxMode txMode = null;
        Matcher option = OPTION.matcher(options);
        while (option.find()) {
            if (option.group(1).equals("transaction")) {
                switch (option.group(2)) {
                    case "false" -> txMode = TxMode.NONE;
                    case "true" -> txMode = TxMode.FILE;
                    default -> diagnostics.add(Rule.DI511.at(file.displayPath(), source.position(source.lineStart(line)),
                            "dbmate option transaction:" + option.group(2) + " must be true or false"));
                }
            }
        }
        return txMode;
    }
}
