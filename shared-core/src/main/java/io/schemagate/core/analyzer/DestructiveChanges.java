package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DS101–DS103: statements that drop a schema, table or column holding data that existed before the file. Objects
 * created in the same file, VIRTUAL generated columns and names matching the rule's {@code allow} patterns are exempt.
 */
public final class DestructiveChanges implements Analyzer {

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            List<String> droppedColumns = new ArrayList<>();
            String columnsTable = null;
            for (SchemaChange change : run.changes()) {
                if (change instanceof SchemaChange.DropSchema d && existedBefore(pass, d.schema().name(), d.schema().oid())) {
                    int tables = d.schema().tables().size();
                    pass.report(Rule.DS101, run.statement(), "schema " + d.schema().name() + " is dropped"
                                    + (tables == 0 ? " (it holds no tables)" : " with its " + tables + (tables == 1 ? " table" : " tables")),
                            new Fix("Back it up and check it is empty before dropping it.", null));
                } else if (change instanceof SchemaChange.DropTable d && pass.preExisting(d.table())
                        && !pass.allowed(Rule.DS102, d.table().name()) && !pass.rebuilt(d.table().qualifiedName(), i)) {
                    pass.report(Rule.DS102, run.statement(), "table " + d.table().qualifiedName() + " is dropped with its rows",
                            new Fix("Check it is empty first: SELECT NOT EXISTS (SELECT 1 FROM " + d.table().qualifiedName()
                                    + "), or rename it to a deprecated name and drop it in a later release.", null));
                } else if (change instanceof SchemaChange.DropColumn d && droppedData(pass, d)) {
                    droppedColumns.add(d.column().name());
                    columnsTable = d.table().toString();
                }
            }
            if (!droppedColumns.isEmpty()) {
                String names = String.join(", ", droppedColumns);
                pass.report(Rule.DS103, run.statement(), (droppedColumns.size() == 1 ? "column " : "columns ") + names
                                + " of " + columnsTable + (droppedColumns.size() == 1 ? " is dropped with its data" : " are dropped with their data"),
                        new Fix("Deploy code that no longer reads or writes " + names + " first; check the data is no longer"
                                + " needed (e.g. all NULL) before dropping.", null));
            }
        }
    }

    private static boolean existedBefore(Pass pass, String schema, long oid) {
        return pass.run().before().schema(schema).filter(s -> oid == 0 || s.oid() == oid).isPresent();
    }

    /** A stored column of a table that existed before the file, not on the rule's allow list. */
    private static boolean droppedData(Pass pass, SchemaChange.DropColumn drop) {
        Optional<Table> before = pass.tableBefore(drop.table());
        boolean existed = before.isPresent() && before.get().columns().stream()
                .anyMatch(c -> c.attnum() == drop.column().attnum() && c.name().equals(drop.column().name()));
        return existed && drop.column().generated() != Column.Generated.VIRTUAL
                && !pass.allowed(Rule.DS103, drop.column().name());
    }
}
