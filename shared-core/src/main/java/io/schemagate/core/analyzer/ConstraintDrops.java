package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.SchemaChange;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CD101: a foreign key that existed before the file is dropped, so the database stops enforcing the relation.
 * Exempt: keys created in the file, and keys whose columns the same statement drops (DS103 reports that).
 */
public final class ConstraintDrops implements Analyzer {

    @Override
    public void analyze(Pass pass) {
        for (StatementRun run : pass.statements()) {
            for (SchemaChange change : run.changes()) {
                if (change instanceof SchemaChange.DropForeignKey d && existedBefore(pass, d)
                        && !columnsDroppedBy(run, d)) {
                    pass.report(Rule.CD101, run.statement(), "foreign key " + d.foreignKey().name() + " on " + d.table()
                                    + " is dropped; " + d.table() + " → " + d.foreignKey().referencedTable()
                                    + " is no longer enforced",
                            new Fix("Confirm the relation no longer needs enforcing, or re-create it NOT VALID and VALIDATE it.",
                                    null));
                }
            }
        }
    }

    private static boolean existedBefore(Pass pass, SchemaChange.DropForeignKey d) {
        return pass.tableBefore(d.table()).stream().flatMap(t -> t.foreignKeys().stream())
                .anyMatch(fk -> fk.name().equals(d.foreignKey().name())
                        && (d.foreignKey().oid() == 0 || fk.oid() == d.foreignKey().oid()));
    }

    private static boolean columnsDroppedBy(StatementRun run, SchemaChange.DropForeignKey d) {
        Set<String> dropped = run.changes().stream()
                .filter(c -> c instanceof SchemaChange.DropColumn col && col.table().equals(d.table()))
                .map(c -> ((SchemaChange.DropColumn) c).column().name())
                .collect(Collectors.toSet());
        return d.foreignKey().columns().stream().anyMatch(dropped::contains);
    }
}
