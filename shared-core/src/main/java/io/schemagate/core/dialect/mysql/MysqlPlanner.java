package io.schemagate.core.dialect.mysql;

import io.schemagate.core.plan.Plan;
import io.schemagate.core.plan.Plan.PlannedFile;
import io.schemagate.core.plan.Plan.PlannedStatement;
import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.plan.RenameHints;
import io.schemagate.core.plan.SchemaPlanner;
import io.schemagate.core.plan.ViewOrder;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.NameIdentity;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddCheck;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddForeignKey;
import io.schemagate.core.schema.SchemaChange.AddIndex;
import io.schemagate.core.schema.SchemaChange.AddPrimaryKey;
import io.schemagate.core.schema.SchemaChange.AddTable;
import io.schemagate.core.schema.SchemaChange.AddUnique;
import io.schemagate.core.schema.SchemaChange.AddView;
import io.schemagate.core.schema.SchemaChange.DropCheck;
import io.schemagate.core.schema.SchemaChange.DropColumn;
import io.schemagate.core.schema.SchemaChange.DropForeignKey;
import io.schemagate.core.schema.SchemaChange.DropIndex;
import io.schemagate.core.schema.SchemaChange.DropPrimaryKey;
import io.schemagate.core.schema.SchemaChange.DropTable;
import io.schemagate.core.schema.SchemaChange.DropUnique;
import io.schemagate.core.schema.SchemaChange.DropView;
import io.schemagate.core.schema.SchemaChange.ModifyColumn;
import io.schemagate.core.schema.SchemaChange.ModifyConstraint;
import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.ModifyView;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.View;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MySQL and MariaDB DDL that turns one schema into another, matched by name as on PostgreSQL. Every DDL statement
 * commits on its own here, so the plan is one file in dependency order: views and foreign keys that stand in the way
 * go first, then tables and columns, then keys, indexes and foreign keys, views last. A column's change is one
 * {@code MODIFY COLUMN} with its whole new definition. The PostgreSQL plan's NOT VALID and CONCURRENTLY have no
 * counterpart; the analyzers say which ALTERs copy the table.
 */
public final class MysqlPlanner implements SchemaPlanner {
    private enum Phase {
        DROP_VIEW, DROP_FOREIGN_KEY, DROP_INDEX, DROP_TABLE, DROP_COLUMN, CREATE_TABLE, ADD_COLUMN, MODIFY_COLUMN,
        ADD_INDEX, AUTO_INCREMENT, ADD_FOREIGN_KEY, CREATE_VIEW
    }

    @Override
    public Plan plan(Catalog current, Catalog desired, PlanOptions options) {
        Catalog from = NameIdentity.of(current);
        Catalog to = NameIdentity.of(desired);
        List<SchemaChange> changes = SchemaDiff.diff(from, to);
        Map<Phase, List<PlannedStatement>> phases = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            phases.put(phase, new ArrayList<>());
        }
        List<String> notes = new ArrayList<>();
        Map<QualifiedName, View> createdViews = new LinkedHashMap<>();
        List<Table> droppedTables = new ArrayList<>();
        for (SchemaChange change : changes) {
            plan(change, phases, notes, createdViews, droppedTables);
        }
        for (Table table : dropOrder(droppedTables)) {
            add(phases, Phase.DROP_TABLE, table.qualifiedName().toString(), "DROP TABLE " + name(table.qualifiedName()));
        }
        for (View view : ViewOrder.forCreation(createdViews.values())) {
            add(phases, Phase.CREATE_VIEW, view.qualifiedName().toString(), "CREATE VIEW " + name(view.qualifiedName())
                    + " AS " + view.definition());
        }
        notes.addAll(RenameHints.of(changes, MysqlPlanner::name, Identifiers::quote));
        List<PlannedStatement> statements = new ArrayList<>();
        phases.values().forEach(statements::addAll);
        return new Plan(statements.isEmpty() ? List.of() : List.of(new PlannedFile(true, statements)), notes);
    }

    // Java 17 has no pattern switch; SchemaChange is sealed, and what is not handled here becomes a note.
    private static void plan(SchemaChange change, Map<Phase, List<PlannedStatement>> phases, List<String> notes,
            Map<QualifiedName, View> createdViews, List<Table> droppedTables) {
        if (change instanceof AddTable c) {
            createTable(c.table(), phases);
        } else if (change instanceof DropTable c) {
            droppedTables.add(c.table());
        } else if (change instanceof AddColumn c) {
            add(phases, Phase.ADD_COLUMN, c.object(), alter(c.table()) + " ADD COLUMN " + columnDefinition(c.column()));
        } else if (change instanceof DropColumn c) {
            add(phases, Phase.DROP_COLUMN, c.object(), alter(c.table()) + " DROP COLUMN " + Identifiers.quote(c.column().name()));
        } else if (change instanceof ModifyColumn c) {
            // AUTO_INCREMENT needs its key: a column that becomes one is modified after the keys are added.
            boolean autoIncrement = c.before().identity() == Column.Identity.NONE
                    && c.after().identity() != Column.Identity.NONE;
            add(phases, autoIncrement ? Phase.AUTO_INCREMENT : Phase.MODIFY_COLUMN, c.object(), alter(c.table())
                    + " MODIFY COLUMN " + columnDefinition(c.after()));
            notes.add(c.object() + ": MODIFY COLUMN restates the whole column; a COMMENT or ON UPDATE CURRENT_TIMESTAMP"
                    + " it has is not in the plan and would be lost: add it to the statement by hand");
        } else if (change instanceof AddPrimaryKey c) {
            add(phases, Phase.ADD_INDEX, c.object(), alter(c.table()) + " ADD " + c.primaryKey().definition());
        } else if (change instanceof DropPrimaryKey c) {
            add(phases, Phase.DROP_INDEX, c.object(), alter(c.table()) + " DROP PRIMARY KEY");
        } else if (change instanceof AddUnique c) {
            add(phases, Phase.ADD_INDEX, c.object(), alter(c.table()) + " ADD " + c.unique().definition());
        } else if (change instanceof DropUnique c) {
            add(phases, Phase.DROP_INDEX, c.object(), alter(c.table()) + " DROP INDEX " + Identifiers.quote(c.unique().name()));
        } else if (change instanceof AddIndex c) {
            add(phases, Phase.ADD_INDEX, c.object(), alter(c.table()) + " ADD " + c.index().definition());
        } else if (change instanceof DropIndex c) {
            add(phases, Phase.DROP_INDEX, c.object(), alter(c.table()) + " DROP INDEX " + Identifiers.quote(c.index().name()));
        } else if (change instanceof ModifyIndex c) {
            add(phases, Phase.DROP_INDEX, c.object(), alter(c.table()) + " DROP INDEX " + Identifiers.quote(c.before().name()));
            add(phases, Phase.ADD_INDEX, c.object(), alter(c.table()) + " ADD " + c.after().definition());
        } else if (change instanceof AddCheck c) {
            add(phases, Phase.ADD_INDEX, c.object(), alter(c.table()) + " ADD " + check(c.check()));
        } else if (change instanceof DropCheck c) {
            add(phases, Phase.DROP_INDEX, c.object(), alter(c.table()) + " DROP CONSTRAINT " + Identifiers.quote(c.check().name()));
        } else if (change instanceof AddForeignKey c) {
            add(phases, Phase.ADD_FOREIGN_KEY, c.object(), alter(c.table()) + " ADD " + foreignKey(c.foreignKey()));
        } else if (change instanceof DropForeignKey c) {
            add(phases, Phase.DROP_FOREIGN_KEY, c.object(), alter(c.table()) + " DROP FOREIGN KEY "
                    + Identifiers.quote(c.foreignKey().name()));
        } else if (change instanceof ModifyConstraint c && c.after() instanceof ForeignKey after) {
            add(phases, Phase.DROP_FOREIGN_KEY, c.object(), alter(c.table()) + " DROP FOREIGN KEY "
                    + Identifiers.quote(after.name()));
            add(phases, Phase.ADD_FOREIGN_KEY, c.object(), alter(c.table()) + " ADD " + foreignKey(after));
        } else if (change instanceof ModifyConstraint c && c.after() instanceof Check after) {
            add(phases, Phase.DROP_INDEX, c.object(), alter(c.table()) + " DROP CONSTRAINT " + Identifiers.quote(after.name()));
            add(phases, Phase.ADD_INDEX, c.object(), alter(c.table()) + " ADD " + check(after));
        } else if (change instanceof AddView c) {
            createdViews.put(c.view().qualifiedName(), c.view());
        } else if (change instanceof DropView c) {
            add(phases, Phase.DROP_VIEW, c.object(), "DROP VIEW " + name(c.view().qualifiedName()));
        } else if (change instanceof ModifyView c) {
            add(phases, Phase.DROP_VIEW, c.object(), "DROP VIEW " + name(c.before().qualifiedName()));
            createdViews.put(c.after().qualifiedName(), c.after());
        } else {
            notes.add(change.kind() + " " + change.object() + ": not planned (triggers, routines and this change are"
                    + " written by hand)");
        }
    }

    /** A new table with its keys, indexes and checks; its foreign keys come after every table exists. */
    private static void createTable(Table table, Map<Phase, List<PlannedStatement>> phases) {
        List<String> lines = new ArrayList<>();
        table.columns().forEach(c -> lines.add(columnDefinition(c)));
        for (Index index : table.indexes()) {
            lines.add(index.definition()); // PRIMARY KEY, UNIQUE KEY, KEY, FULLTEXT KEY, …
        }
        table.checks().forEach(c -> lines.add(check(c)));
        add(phases, Phase.CREATE_TABLE, table.qualifiedName().toString(), "CREATE TABLE " + name(table.qualifiedName())
                + " (\n  " + String.join(",\n  ", lines) + "\n)");
        for (ForeignKey key : table.foreignKeys()) {
            add(phases, Phase.ADD_FOREIGN_KEY, table.qualifiedName().member(key.name()), alter(table.qualifiedName())
                    + " ADD " + foreignKey(key));
        }
    }

    /**
     * The whole column, as CREATE TABLE and MODIFY COLUMN take it. Nullability is always written: a TIMESTAMP column
     * without it may get NOT NULL and an automatic default on servers that still promote timestamps.
     */
    private static String columnDefinition(Column c) {
        StringBuilder sql = new StringBuilder(Identifiers.quote(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sql.append(" COLLATE ").append(c.collation());
        }
        if (c.generated() != Column.Generated.NONE) {
            sql.append(" GENERATED ALWAYS AS (").append(c.generationExpression()).append(')')
                    .append(c.generated() == Column.Generated.STORED ? " STORED" : " VIRTUAL");
            return sql.append(c.notNull() ? " NOT NULL" : "").toString();
        }
        sql.append(c.notNull() ? " NOT NULL" : " NULL");
        if (c.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (c.identity() != Column.Identity.NONE) {
            sql.append(" AUTO_INCREMENT");
        }
        return sql.toString();
    }

    private static String check(Check check) {
        return "CONSTRAINT " + Identifiers.quote(check.name()) + " " + check.definition();
    }

    private static String foreignKey(ForeignKey key) {
        return "CONSTRAINT " + Identifiers.quote(key.name()) + " " + key.definition();
    }

    /** Dropped tables, those that reference others first. */
    private static List<Table> dropOrder(List<Table> dropped) {
        List<Table> left = new ArrayList<>(dropped);
        List<Table> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            Table next = left.stream().filter(t -> left.stream().noneMatch(o -> o != t && o.foreignKeys().stream()
                    .anyMatch(f -> f.referencedTable().name().equals(t.name())))).findFirst().orElse(left.get(0));
            left.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    private static String alter(QualifiedName table) {
        return "ALTER TABLE " + name(table);
    }

    /** The own database's objects unqualified, as the migrations name them. */
    private static String name(QualifiedName name) {
        return name.schema().isEmpty() ? Identifiers.quote(name.name())
                : Identifiers.quote(name.schema()) + "." + Identifiers.quote(name.name());
    }

    private static void add(Map<Phase, List<PlannedStatement>> phases, Phase phase, String object, String sql) {
        phases.get(phase).add(new PlannedStatement(sql, object));
    }
}
