package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.EnumType;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import java.util.ArrayList;
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
                } else if (change instanceof SchemaChange.RenameSchema r
                        && pass.run().before().schema(r.before().name()).isPresent()) {
                    pass.report(Rule.BC501, run.statement(), "schema " + r.before().name() + " is renamed to "
                                    + r.after().name() + "; code and search paths that still name it break",
                            new Fix("Create the new schema, move objects one at a time (or write both), then retire the"
                                    + " old name.", null));
                } else if (change instanceof SchemaChange.ModifyEnum e && existedBefore(pass, e.before())) {
                    List<String> renamed = renamedValues(e);
                    if (!renamed.isEmpty()) {
                        pass.report(Rule.BC502, run.statement(), "value" + (renamed.size() == 1 ? " " : "s ")
                                        + String.join(", ", renamed) + " of enum " + e.after().qualifiedName()
                                        + (renamed.size() == 1 ? " is" : " are") + " renamed; code that still writes"
                                        + " or compares the old label breaks",
                                new Fix("Add the new value, move the rows and the code to it, then stop using the old"
                                        + " one.", null));
                    }
                } else if (change instanceof SchemaChange.ModifyColumn m && m.dropNotNull()
                        && pass.preExisting(m.table(), i) && pass.tableBefore(m.table()).flatMap(t ->
                                t.column(m.before().name())).filter(Column::notNull).isPresent()) {
                    pass.report(Rule.BC503, run.statement(), "column " + m.table().member(m.after().name())
                                    + " may now hold NULL; readers that assume a value get NULL",
                            new Fix("Keep it NOT NULL with a sentinel value, or update the readers first.", null));
                } else if (change instanceof SchemaChange.RenameColumn r && columnExisted(pass, r)
                        && !columnAddedLater(later, r.table(), r.before().name())) {
                    pass.report(Rule.BC102, run.statement(), "column " + r.table().member(r.before().name()) + " is renamed to "
                                    + r.after().name() + "; code that still uses the old name breaks",
                            new Fix("Add the new column, write both, backfill, switch readers, then drop the old one.", null));
                }
            }
        }
    }

    private static boolean existedBefore(Pass pass, EnumType type) {
        return pass.run().before().schema(type.schema()).stream().flatMap(s -> s.enums().stream())
                .anyMatch(e -> e.name().equals(type.name()));
    }

    /** {@code old → new} for each label replaced in place (RENAME VALUE keeps the position; ADD VALUE adds one). */
    private static List<String> renamedValues(SchemaChange.ModifyEnum e) {
        List<String> before = e.before().values();
        List<String> after = e.after().values();
        List<String> renamed = new ArrayList<>();
        if (before.size() != after.size()) {
            return renamed;
        }
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i)) && !after.contains(before.get(i))) {
                renamed.add(before.get(i) + " → " + after.get(i));
            }
        }
        return renamed;
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
