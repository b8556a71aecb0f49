package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.migrate.TxMode;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SQLite's table rebuild (its way to ALTER what ALTER cannot), read as one change of the table: LT101 when a column
 * becomes NOT NULL without a DEFAULT through it (the copy fails on a NULL), DS103 for columns the new table no longer
 * has, CD101 for foreign keys it no longer has, and LT502 when foreign keys are not switched off around it — or are
 * switched off inside a transaction, where the PRAGMA does nothing.
 */
final class SqliteRebuilds implements Analyzer {
    private static final Pattern FOREIGN_KEYS_OFF = Pattern.compile("(?i)^\\s*PRAGMA\\s+foreign_keys\\s*=\\s*(0|OFF|FALSE|NO)\\b");
    private static final Pattern FOREIGN_KEY_CHECK = Pattern.compile("(?i)^\\s*PRAGMA\\s+foreign_key_check\\b");

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        boolean transactional = pass.run().script().sections().stream().anyMatch(s -> s.txMode() == TxMode.FILE);
        for (int i = 0; i < runs.size(); i++) {
            for (SchemaChange change : runs.get(i).changes()) {
                if (change instanceof SchemaChange.DropTable d && pass.preExisting(d.table())
                        && pass.rebuilt(d.table().qualifiedName(), i)) {
                    int dropAt = i;
                    rebuiltAs(pass, d.table(), dropAt).ifPresent(after -> compare(pass, d.table(), after, dropAt));
                    checkForeignKeys(pass, runs, i, d.table(), transactional);
                }
            }
        }
    }

    /** The table that takes the dropped table's name later in the file, and the statement that names it. */
    private record Rebuilt(Table table, int at) {
    }

    private static Optional<Rebuilt> rebuiltAs(Pass pass, Table before, int dropAt) {
        List<StatementRun> runs = pass.statements();
        for (int j = dropAt + 1; j < runs.size(); j++) {
            for (SchemaChange c : runs.get(j).changes()) {
                if (c instanceof SchemaChange.AddTable a && a.table().qualifiedName().equals(before.qualifiedName())) {
                    return Optional.of(new Rebuilt(a.table(), j));
                }
                if (c instanceof SchemaChange.RenameTable r && r.after().qualifiedName().equals(before.qualifiedName())) {
                    return Optional.of(new Rebuilt(r.after(), j));
                }
            }
        }
        return Optional.empty();
    }

    private static void compare(Pass pass, Table before, Rebuilt after, int dropAt) {
        List<StatementRun> runs = pass.statements();
        Statement named = runs.get(after.at()).statement();
        Statement dropped = runs.get(dropAt).statement();
        List<String> gone = before.columns().stream().map(Column::name)
                .filter(name -> after.table().column(name).isEmpty() && !pass.allowed(Rule.DS103, name)).toList();
        if (!gone.isEmpty()) {
            String names = String.join(", ", gone);
            pass.report(Rule.DS103, dropped, (gone.size() == 1 ? "column " : "columns ") + names + " of "
                            + before.qualifiedName() + " did not survive the rebuild: dropped with "
                            + (gone.size() == 1 ? "its" : "their") + " data",
                    new Fix("Deploy code that no longer reads or writes " + names + " first; check the data is no longer"
                            + " needed before dropping.", null));
        }
        for (ForeignKey key : before.foreignKeys()) {
            boolean kept = after.table().foreignKeys().stream().anyMatch(k -> k.columns().equals(key.columns())
                    && k.referencedTable().name().equals(key.referencedTable().name())
                    && k.referencedColumns().equals(key.referencedColumns()));
            if (!kept && key.columns().stream().noneMatch(gone::contains)) {
                pass.report(Rule.CD101, dropped, "the rebuild of " + before.qualifiedName() + " drops its foreign key ("
                                + String.join(", ", key.columns()) + ") to " + key.referencedTable().name()
                                + ": integrity is no longer enforced",
                        new Fix("Confirm the reference is no longer wanted, or declare it in the new table.", null));
            }
        }
        for (Column column : after.table().columns()) {
            Optional<Column> old = before.column(column.name());
            if (old.isPresent() && old.get().nullable() && column.notNull() && column.defaultExpression() == null
                    && !copiedWithFallback(runs.subList(0, dropAt), column.name())) {
                pass.report(Rule.LT101, named, "the rebuild of " + before.qualifiedName() + " makes column "
                                + column.name() + " NOT NULL without a default: the copy fails on any row where it is NULL",
                        new Fix("Backfill it before the copy (UPDATE … SET " + column.name() + " = … WHERE " + column.name()
                                + " IS NULL), or copy it with IFNULL(" + column.name() + ", …).", null));
            }
        }
    }

    /** An earlier statement fills the column (UPDATE … SET col) or copies it with IFNULL/COALESCE. */
    private static boolean copiedWithFallback(List<StatementRun> earlier, String column) {
        Pattern fallback = Pattern.compile("(?is).*\\b(IFNULL|COALESCE)\\s*\\(\\s*[\"`\\[]?" + Pattern.quote(column) + "\\b.*");
        Pattern update = Pattern.compile("(?is)^\\s*UPDATE\\b.*\\bSET\\b.*\\b" + Pattern.quote(column) + "\\b.*");
        return earlier.stream().map(r -> r.statement().text())
                .anyMatch(t -> fallback.matcher(t).matches() || update.matcher(t).matches());
    }

    private static void checkForeignKeys(Pass pass, List<StatementRun> runs, int dropAt, Table table,
                                         boolean transactional) {
        boolean off = runs.subList(0, dropAt).stream().anyMatch(r -> FOREIGN_KEYS_OFF.matcher(r.statement().text()).find());
        boolean checked = runs.subList(dropAt + 1, runs.size()).stream()
                .anyMatch(r -> FOREIGN_KEY_CHECK.matcher(r.statement().text()).find());
        String problem;
        if (!off) {
            problem = "without PRAGMA foreign_keys = OFF before it: dropping the old table fires ON DELETE actions"
                    + " of the tables that reference it, or fails";
        } else if (transactional) {
            problem = "with PRAGMA foreign_keys = OFF inside a transaction, where SQLite ignores it";
        } else if (!checked) {
            problem = "without PRAGMA foreign_key_check after it: broken references go unnoticed";
        } else {
            return;
        }
        pass.report(Rule.LT502, runs.get(dropAt).statement(), "table " + table.qualifiedName() + " is rebuilt " + problem,
                new Fix("Follow SQLite's 12-step procedure in a file with -- atlas:txmode none: PRAGMA foreign_keys = OFF,"
                        + " the rebuild in BEGIN … COMMIT, PRAGMA foreign_key_check, PRAGMA foreign_keys = ON.", null));
    }
}
