package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;

/**
 * BC101–BC102: renames of tables and columns that running application code still uses. Exempt: objects created in
 * the same file; a table rename followed in the file by a view under the old name; a column rename followed by a
 * column under the old name (e.g. a generated alias).
 */
public final class IncompatibleChanges implements Analyzer {

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            List<StatementRun> later = runs.subList(i + 1, runs.size());
            for (SchemaChange change : run.changes()) {
                if (change instanceof SchemaChange.RenameTable r && pass.preExisting(r.before())
                        && !viewAddedLater(later, r.before().qualifiedName())) {
                    pass.report(Rule.BC101, run.statement(), "table " + r.before().qualifiedName() + " is renamed to "
                                    + r.after().qualifiedName() + "; code that still uses the old name breaks",
                            new Fix("Keep the old name working: CREATE VIEW " + r.before().qualifiedName() + " AS SELECT * FROM "
                                    + r.after().qualifiedName() + ", or rename in the application first.", null));
                } else if (change instanceof SchemaChange.RenameColumn r && columnExisted(pass, r)
                        && !columnAddedLater(later, r.table(), r.before().name())) {
                    pass.report(Rule.BC102, run.statement(), "column " + r.table().member(r.before().name()) + " is renamed to "
                                    + r.after().name() + "; code that still uses the old name breaks",
                            new Fix("Add the new column, write both, backfill, switch readers, then drop the old one.", null));
                }
            }
        }
    }

    private static boolean columnExisted(Pass pass, SchemaChange.RenameColumn r) {
        return pass.tableBefore(r.table()).stream().flatMap(t -> t.columns().stream())
                .anyMatch(c -> c.attnum() == r.before().attnum() && c.name().equals(r.before().name()));
    }

    private static boolean viewAddedLater(List<StatementRun> later, QualifiedName oldName) {
        return later.stream().flatMap(r -> r.changes().stream()).anyMatch(c -> c instanceof SchemaChange.AddView v
                && v.view().schema().equals(oldName.schema()) && v.view().name().equals(oldName.name()));
    }

    private static boolean columnAddedLater(List<StatementRun> later, QualifiedName table, String oldName) {
        return later.stream().flatMap(r -> r.changes().stream()).anyMatch(c -> c instanceof SchemaChange.AddColumn a
                && a.table().equals(table) && a.column().name().equals(oldName));
    }
}
