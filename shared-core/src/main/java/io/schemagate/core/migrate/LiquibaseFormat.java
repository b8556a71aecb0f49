package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL: {@code *.sql} by name, each starting with {@code --liquibase formatted sql}. Each
 * {@code --changeset author:id} runs as a unit unless its {@code dbms:} excludes the dialect; {@code --rollback}
 * lines are comments and never run. {@code runInTransaction:false}, {@code splitStatements:false} and
 * {@code endDelimiter:X} apply per changeset.
 *
 * <p>Unlike Atlas's reader, changeset attributes are honoured (rules.md §5, pitfall 4).
 */
public record LiquibaseFormat() implements DirFormat {
    private static final Pattern HEADER = Pattern.compile("^--\\s*liquibase\\s+formatted\\s+sql\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET = Pattern.compile("^--\\s*changeset\\s+(\\S+?):(\\S+)(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\\S+)");

    @Override
    public String id() {
        return "liquibase";
    }

    @Override
    public Listing list(MigrationDir dir) throws IOException {
        List<SumInput> sql = RootSqlFiles.read(dir);
        List<MigrationFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (SumInput in : sql) {
            String firstLine = new String(in.bytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (!HEADER.matcher(firstLine.strip()).matches()) {
                diagnostics.add(VersionChecks.badName(dir, in.name(),
                        "a Liquibase formatted SQL file starts with the line \"--liquibase formatted sql\""));
                continue;
            }
            String stem = in.name().substring(0, in.name().length() - ".sql".length());
            files.add(MigrationFile.versioned(dir, in.name(), stem, "", in.bytes()));
        }
        return new Listing(files, sql, diagnostics);
    }

    @Override
    public Layout layout(MigrationFile file, SourceText source, Dialect dialect) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Region open = null;
        boolean openRuns = false;
        for (int line = 1; line <= source.lineCount(); line++) {
            Matcher m = CHANGESET.matcher(source.line(line).strip());
            if (!m.matches()) {
                continue;
            }
            if (open != null && openRuns) {
                regions.add(withEnd(open, source.lineStart(line)));
            }
            String id = m.group(1) + ":" + m.group(2);
            if (!ids.add(id)) {
                diagnostics.add(Rule.DI507.at(file.displayPath(), source.position(source.lineStart(line)),
                        "changeset " + id + " appears twice in this file; Liquibase refuses duplicate identifiers"));
            }
            Map<String, String> attributes = attributes(m.group(3));
            openRuns = appliesTo(attributes.get("dbms"), dialect);
            String delimiter = attributes.containsKey("endDelimiter") ? unescape(attributes.get("endDelimiter")) : null;
            TxMode txMode = "false".equalsIgnoreCase(attributes.get("runInTransaction")) ? TxMode.NONE : null;
            boolean split = !"false".equalsIgnoreCase(attributes.get("splitStatements"));
            open = new Region(id, source.lineEnd(line), source.length(), txMode, delimiter, split, false, true);
        }
        if (open != null && openRuns) {
            regions.add(open);
        }
        if (open == null) {
            diagnostics.add(Rule.DI513.at(file.displayPath(), source.position(0),
                    "no \"--changeset author:id\" line: Liquibase runs nothing from this file"));
        }
        return new Layout(regions, diagnostics);
    }

    private static Region withEnd(Region r, int to) {
        return new Region(r.name(), r.from(), to, r.txMode(), r.delimiter(), r.splitStatements(), r.gooseBlocks(),
                r.toolComments());
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new HashMap<>();
        Matcher a = ATTRIBUTE.matcher(text);
        while (a.find()) {
            attributes.put(a.group(1), a.group(2));
        }
        return attributes;
    }

    /** Liquibase {@code dbms:} lists: names, {@code all}, {@code none}, and {@code !name} exclusions. */
    static boolean appliesTo(String dbms, Dialect dialect) {
        if (dbms == null || dbms.isBlank()) {
            return true;
        }
        Set<String> names = switch (dialect) {
            case POSTGRES -> Set.of("postgresql");
            case MYSQL -> Set.of("mysql", "mariadb");
            case SQLITE -> Set.of("sqlite");
        };
        List<String> entries = Arrays.stream(dbms.toLowerCase(Locale.ROOT).split(",")).map(String::strip).toList();
        if (entries.contains("none")) {
            return false;
        }
        boolean onlyExclusions = entries.stream().allMatch(e -> e.startsWith("!"));
        for (String e : entries) {
            if (e.startsWith("!") && names.contains(e.substring(1))) {
                return false;
            }
            if (e.equals("all") || names.contains(e)) {
                return true;
            }
        }
        return onlyExclusions;
    }

    private static String unescape(String delimiter) {
        return delimiter.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    }
}
