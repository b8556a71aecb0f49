package io.schemagate.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renames on databases whose catalogs have no object identity (MySQL, MariaDB, SQLite): there the differ matches by
 * name, so one statement's rename reads as a drop and an add. This pairs them again — within one statement only —
 * when the statement says so: a table dropped and another added with the same columns (a statement that renames a
 * table cannot also rebuild it), or a column dropped and another added where the text reads
 * {@code RENAME COLUMN old TO new} or {@code CHANGE [COLUMN] old new}.
 */
public final class RenamePairing {
    private static final String NAME = "[`\"\\[]?%s[`\"\\]]?";

    private RenamePairing() {
    }

    public static List<SchemaChange> pair(List<SchemaChange> changes, String statement) {
        List<SchemaChange> out = new ArrayList<>(changes);
        pairTables(out);
        pairColumns(out, statement);
        return List.copyOf(out);
    }

    private static void pairTables(List<SchemaChange> changes) {
        List<SchemaChange.DropTable> drops = changes.stream().filter(SchemaChange.DropTable.class::isInstance)
                .map(SchemaChange.DropTable.class::cast).toList();
        List<SchemaChange.AddTable> adds = changes.stream().filter(SchemaChange.AddTable.class::isInstance)
                .map(SchemaChange.AddTable.class::cast).toList();
        if (drops.size() != 1 || adds.size() != 1) {
            return;
        }
        Table before = drops.get(0).table();
        Table after = adds.get(0).table();
        if (!shape(before).equals(shape(after))) {
            return;
        }
        changes.remove(adds.get(0));
        changes.set(changes.indexOf(drops.get(0)), new SchemaChange.RenameTable(before, after));
    }

    private static List<String> shape(Table table) {
        return table.columns().stream().map(c -> c.name() + " " + c.type() + " " + c.notNull()).toList();
    }

    private static void pairColumns(List<SchemaChange> changes, String statement) {
        for (SchemaChange.DropColumn drop : changes.stream().filter(SchemaChange.DropColumn.class::isInstance)
                .map(SchemaChange.DropColumn.class::cast).toList()) {
            for (SchemaChange.AddColumn add : changes.stream().filter(SchemaChange.AddColumn.class::isInstance)
                    .map(SchemaChange.AddColumn.class::cast).toList()) {
                if (add.table().equals(drop.table()) && saysRename(statement, drop.column().name(), add.column().name())) {
                    changes.remove(add);
                    int at = changes.indexOf(drop);
                    changes.set(at, new SchemaChange.RenameColumn(drop.table(), drop.column(), add.column()));
                    if (!drop.column().type().equals(add.column().type()) || drop.column().notNull() != add.column().notNull()) {
                        changes.add(at + 1, new SchemaChange.ModifyColumn(drop.table(),
                                new Column(add.column().attnum(), add.column().name(), drop.column().type(),
                                        drop.column().notNull(), drop.column().defaultExpression(), drop.column().identity(),
                                        drop.column().generated(), drop.column().generationExpression(),
                                        drop.column().collation(), drop.column().comment(), drop.column().onUpdate()),
                                add.column()));
                    }
                    break;
                }
            }
        }
    }

    private static boolean saysRename(String statement, String from, String to) {
        String a = String.format(NAME, Pattern.quote(from));
        String b = String.format(NAME, Pattern.quote(to));
        Pattern rename = Pattern.compile("\\bRENAME\\s+(COLUMN\\s+)?" + a + "\\s+TO\\s+" + b + "(\\s|,|;|$)",
                Pattern.CASE_INSENSITIVE);
        Pattern change = Pattern.compile("\\bCHANGE\\s+(COLUMN\\s+)?" + a + "\\s+" + b + "\\s", Pattern.CASE_INSENSITIVE);
        return rename.matcher(statement).find() || change.matcher(statement).find();
    }
}
