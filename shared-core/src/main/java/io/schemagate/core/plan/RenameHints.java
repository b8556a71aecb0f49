package io.schemagate.core.plan;

import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddTable;
import io.schemagate.core.schema.SchemaChange.DropColumn;
import io.schemagate.core.schema.SchemaChange.DropTable;
import io.schemagate.core.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A plan never guesses a rename: a column or table dropped while another with the same shape is added is planned as a
 * drop and an add, and this note says what to write instead if it is a rename.
 */
public final class RenameHints {
    private RenameHints() {
    }

    /**
     * @param table      how the dialect writes a table's name
     * @param identifier how it writes a column's or table's own name
     */
    public static List<String> of(List<SchemaChange> changes, Function<QualifiedName, String> table,
            Function<String, String> identifier) {
        List<String> notes = new ArrayList<>();
        Map<QualifiedName, List<Column>> droppedColumns = new LinkedHashMap<>();
        changes.stream().filter(DropColumn.class::isInstance).map(DropColumn.class::cast)
                .forEach(d -> droppedColumns.computeIfAbsent(d.table(), k -> new ArrayList<>()).add(d.column()));
        changes.stream().filter(AddColumn.class::isInstance).map(AddColumn.class::cast).forEach(a -> {
            for (Column dropped : droppedColumns.getOrDefault(a.table(), List.of())) {
                if (dropped.type().equals(a.column().type())) {
                    notes.add(a.table() + ": column " + dropped.name() + " is dropped and " + a.column().name()
                            + " added with the same type; if that is a rename, write ALTER TABLE " + table.apply(a.table())
                            + " RENAME COLUMN " + identifier.apply(dropped.name()) + " TO "
                            + identifier.apply(a.column().name()) + " instead (the plan never guesses renames)");
                }
            }
        });
        List<Table> added = changes.stream().filter(AddTable.class::isInstance).map(c -> ((AddTable) c).table()).toList();
        changes.stream().filter(DropTable.class::isInstance).map(c -> ((DropTable) c).table()).forEach(dropped -> added
                .stream().filter(t -> t.schema().equals(dropped.schema()) && sameColumns(t, dropped))
                .forEach(t -> notes.add(dropped.qualifiedName() + " is dropped and " + t.qualifiedName()
                        + " created with the same columns; if that is a rename, write ALTER TABLE "
                        + table.apply(dropped.qualifiedName()) + " RENAME TO " + identifier.apply(t.name())
                        + " instead (the plan never guesses renames)")));
        return notes;
    }

    private static boolean sameColumns(Table a, Table b) {
        return a.columns().stream().map(c -> c.name() + " " + c.type()).toList()
                .equals(b.columns().stream().map(c -> c.name() + " " + c.type()).toList());
    }
}
