package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.IndexPart;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.StatementCode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MF101, MF103, MF104: changes that the empty dev database accepts but production data can make fail — a unique
 * index over existing rows, a NOT NULL column without a default, NULL → NOT NULL.
 */
public final class DataDependentChanges implements Analyzer {

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            for (SchemaChange change : run.changes()) {
                if (change instanceof SchemaChange.AddIndex a && a.index().unique()
                        && uniqueOverExistingData(pass, i, a.table(), columns(a.index().parts()))) {
                    reportUnique(pass, run, a.table(), a.index().name(), columns(a.index().parts()));
                } else if (change instanceof SchemaChange.AddUnique u
                        && !pass.indexExistedBefore(u.table(), u.unique().indexOid(), i) // USING INDEX: already unique
                        && uniqueOverExistingData(pass, i, u.table(), u.unique().columns())) {
                    reportUnique(pass, run, u.table(), u.unique().name(), u.unique().columns());
                } else if (change instanceof SchemaChange.AddColumn a && pass.preExisting(a.table(), i)
                        && a.column().notNull() && a.column().defaultExpression() == null
                        && a.column().identity() == Column.Identity.NONE && a.column().generated() == Column.Generated.NONE
                        && pass.dialect() != Dialect.MYSQL) { // MySQL's ImplicitFill decides MF103 or MY101 by type and server
                    pass.report(Rule.MF103, run.statement(), "column " + a.table().member(a.column().name())
                                    + " is added NOT NULL without a default: it fails if " + a.table() + " has rows",
                            new Fix("Give it a DEFAULT, or add it nullable, backfill it, then SET NOT NULL.", null));
                } else if (change instanceof SchemaChange.ModifyColumn m && m.setNotNull() && pass.preExisting(m.table(), i)
                        && !filledEarlier(runs.subList(0, i), m)
                        && !pass.notNullProven(m.table(), m.after().name(), i)
                        && !Pass.primaryKeyCovers(run, m.table(), m.after().name())) {
                    String column = m.table().member(m.after().name());
                    Fix backfill = new Fix("Backfill first: UPDATE " + m.table() + " SET " + m.after().name() + " = …"
                            + " WHERE " + m.after().name() + " IS NULL.", null);
                    if (columnExisted(pass, m.table(), m.before())) {
                        pass.report(Rule.MF104, run.statement(), "column " + column
                                + " becomes NOT NULL: it fails if any row holds NULL", backfill);
                    } else if (addedWithoutDefault(runs.subList(0, i), m.table(), m.before().name())) {
                        pass.report(Rule.MF104, run.statement(), "column " + column + " was added earlier in this file"
                                + " without a default, so every existing row holds NULL: NOT NULL fails if " + m.table()
                                + " has rows", backfill);
                    }
                }
            }
        }
    }

    /** Whether an earlier statement of the file added the column with no default: old rows got NULL. */
    private static boolean addedWithoutDefault(List<StatementRun> earlier, QualifiedName table, String column) {
        return earlier.stream().flatMap(r -> r.changes().stream()).anyMatch(c -> c instanceof SchemaChange.AddColumn a
                && a.table().equals(table) && a.column().name().equals(column)
                && (a.column().defaultExpression() == null || a.column().defaultExpression().equalsIgnoreCase("NULL"))
                && a.column().generated() == Column.Generated.NONE && a.column().identity() == Column.Identity.NONE);
    }

    private static void reportUnique(Pass pass, StatementRun run, QualifiedName table, String name, List<String> columns) {
        String list = String.join(", ", columns);
        pass.report(Rule.MF101, run.statement(), "unique index " + name + " on " + table + " (" + list
                        + ") fails if existing rows hold duplicates",
                new Fix("Check first: SELECT " + list + ", count(*) FROM " + table + " GROUP BY " + list
                        + " HAVING count(*) > 1.", null));
    }

    /**
     * A unique index over at least one column that existed before the file, unless a unique index dropped in the file
     * covered a subset of the new one's columns (then the old rows were already unique on them).
     */
    private static boolean uniqueOverExistingData(Pass pass, int statement, QualifiedName table, List<String> columns) {
        if (!pass.preExisting(table, statement)) {
            return false;
        }
        Table before = pass.tableBefore(table).orElseThrow();
        boolean touchesOldColumn = columns.stream().anyMatch(c -> before.columns().stream().anyMatch(b -> b.name().equals(c)));
        if (!touchesOldColumn) {
            return false;
        }
        Set<String> wanted = new HashSet<>(columns);
        return pass.statements().stream().flatMap(r -> r.changes().stream()).noneMatch(c ->
                c instanceof SchemaChange.DropIndex dropped && dropped.table().equals(table) && dropped.index().unique()
                        && wanted.containsAll(columns(dropped.index().parts()))
                        || c instanceof SchemaChange.DropUnique gone && gone.table().equals(table)
                        && wanted.containsAll(gone.unique().columns()));
    }

    private static List<String> columns(List<IndexPart> parts) {
        return parts.stream().map(p -> p.column() != null ? p.column() : p.expression()).toList();
    }

    private static boolean columnExisted(Pass pass, QualifiedName table, Column column) {
        return pass.tableBefore(table).stream().flatMap(t -> t.columns().stream())
                .anyMatch(c -> column.attnum() != 0 ? c.attnum() == column.attnum() : c.name().equals(column.name()));
    }

    /**
     * An earlier {@code UPDATE <table> SET … <column> …} in the file that reaches every NULL (token-level reading): one
     * without a WHERE clause, or with {@code WHERE <column> IS NULL}. Any other condition may leave NULLs behind.
     */
    private static boolean filledEarlier(List<StatementRun> earlier, SchemaChange.ModifyColumn m) {
        String column = "\"?" + Pattern.quote(lower(m.after().name())) + "\"?";
        Pattern update = Pattern.compile("(?s)^\\s*update\\s+(?:only\\s+)?(?:\"?" + Pattern.quote(lower(m.table().schema()))
                + "\"?\\.)?\"?" + Pattern.quote(lower(m.table().name())) + "\"?\\s+(?:as\\s+\\w+\\s+|\\w+\\s+)?set\\s+"
                + "(?<set>.*?)(?:\\bwhere\\s+(?<where>.*?))?\\s*;?\\s*$");
        Pattern assigns = Pattern.compile("(?s)(^|,)\\s*(\\w+\\.)?" + column + "\\s*=");
        Pattern nullsOnly = Pattern.compile("(?s)^(\\w+\\.)?" + column + "\\s+is\\s+null$");
        for (StatementRun run : earlier) {
            Matcher u = update.matcher(outsideParentheses(lower(StatementCode.withNames(run.statement().text()))));
            if (u.matches() && assigns.matcher(u.group("set")).find()
                    && (u.group("where") == null || nullsOnly.matcher(u.group("where").strip()).matches())) {
                return true;
            }
        }
        return false;
    }

    /** The text with every parenthesized part removed: a WHERE inside a sub-query is not the UPDATE's own. */
    private static String outsideParentheses(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
