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
import io.schemagate.core.schema.SchemaChange.ModifyComment;
import io.schemagate.core.schema.SchemaChange.ModifyConstraint;
import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.ModifyView;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
        ADD_INDEX,
        /** An index a foreign key uses, when no new index on its table can take it along (see dropForeignKeyIndexes). */
        DROP_FOREIGN_KEY_INDEX,
        AUTO_INCREMENT, ADD_FOREIGN_KEY, CREATE_VIEW
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
        Set<String> restated = objects(changes, ModifyColumn.class);
        Set<String> redefined = objects(changes, DropIndex.class, DropUnique.class);
        redefined.retainAll(objects(changes, AddIndex.class, AddUnique.class));
        List<IndexChange> foreignKeyIndexDrops = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change instanceof ModifyComment c) {
                comment(c, to, restated, phases);
            } else if (!indexReplaced(change, from, to, redefined, phases, foreignKeyIndexDrops)) {
                plan(change, phases, notes, createdViews, droppedTables);
            }
        }
        dropForeignKeyIndexes(from, to, foreignKeyIndexDrops, changes.stream().map(IndexChange::of)
                .filter(i -> i != null && i.added()).toList(), phases);
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

    @SafeVarargs
    private static Set<String> objects(List<SchemaChange> changes, Class<? extends SchemaChange>... kinds) {
        return changes.stream().filter(c -> Arrays.stream(kinds).anyMatch(k -> k.isInstance(c)))
                .map(SchemaChange::object).collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * The index changes a foreign key constrains: MySQL refuses to drop the index a foreign key uses unless another
     * serves it. An index dropped and added again under its name (a new definition) is one ALTER that does both; an
     * index a foreign key may use is dropped by {@link #dropForeignKeyIndexes}. False when {@code change} is none of
     * these, for {@link #plan} to take.
     */
    private static boolean indexReplaced(SchemaChange change, Catalog from, Catalog to, Set<String> redefined,
            Map<Phase, List<PlannedStatement>> phases, List<IndexChange> foreignKeyIndexDrops) {
        IndexChange index = IndexChange.of(change);
        if (index == null) {
            return false;
        }
        String drop = alter(index.table()) + " DROP INDEX " + Identifiers.quote(index.name());
        if (redefined.contains(change.object())) {
            if (index.added()) {
                add(phases, Phase.ADD_INDEX, change.object(), drop + ", ADD " + index.definition());
            }
            return true; // a drop is planned with its add
        }
        if (!index.added() && !servedForeignKeys(from, to, index).isEmpty()) {
            foreignKeyIndexDrops.add(index);
            return true;
        }
        return false;
    }

    /**
     * Drops each index a foreign key uses in the ALTER that adds the new index serving the same keys: the server
     * checks the keys against the indexes the whole statement leaves. Apart, the drop fails before the new index
     * exists, and after it the old one may be gone already (the server drops an index it made for a foreign key by
     * itself once another serves the key). Without such a new index, the drop stands alone.
     */
    private static void dropForeignKeyIndexes(Catalog from, Catalog to, List<IndexChange> drops, List<IndexChange> added,
            Map<Phase, List<PlannedStatement>> phases) {
        List<PlannedStatement> statements = phases.get(Phase.ADD_INDEX);
        for (IndexChange drop : drops) {
            String sql = "DROP INDEX " + Identifiers.quote(drop.name());
            List<List<String>> keys = servedForeignKeys(from, to, drop);
            int at = added.stream()
                    .filter(a -> a.table().equals(drop.table()) && keys.stream().allMatch(k -> leads(k, a.columns())))
                    .map(a -> indexOf(statements, drop.table().member(a.name())))
                    .filter(i -> i >= 0).findFirst().orElse(-1);
            if (at >= 0) {
                PlannedStatement replacement = statements.get(at);
                statements.set(at, new PlannedStatement(replacement.sql() + ", " + sql, replacement.object()));
            } else {
                add(phases, Phase.DROP_FOREIGN_KEY_INDEX, drop.table().member(drop.name()), alter(drop.table()) + " " + sql);
            }
        }
    }

    private static int indexOf(List<PlannedStatement> statements, String object) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).object().equals(object)) {
                return i;
            }
        }
        return -1;
    }

    /** An index or unique key added or dropped, as {@link #indexReplaced} looks at it. */
    private record IndexChange(boolean added, QualifiedName table, String name, List<String> columns,
                               String definition) {
        static IndexChange of(SchemaChange change) {
            if (change instanceof AddIndex c) {
                return new IndexChange(true, c.table(), c.index().name(), c.index().columns(), c.index().definition());
            }
            if (change instanceof AddUnique c) {
                return new IndexChange(true, c.table(), c.unique().name(), c.unique().columns(), c.unique().definition());
            }
            if (change instanceof AddPrimaryKey c) {
                return new IndexChange(true, c.table(), c.primaryKey().name(), c.primaryKey().columns(),
                        c.primaryKey().definition());
            }
            if (change instanceof DropIndex c) {
                return new IndexChange(false, c.table(), c.index().name(), c.index().columns(), c.index().definition());
            }
            if (change instanceof DropUnique c) {
                return new IndexChange(false, c.table(), c.unique().name(), c.unique().columns(),
                        c.unique().definition());
            }
            return null;
        }
    }

    /**
     * The columns of each foreign key that may use the index and stays: a key the plan drops needs no index, and an
     * index losing one of its columns goes with the column (dropping it after would fail).
     */
    private static List<List<String>> servedForeignKeys(Catalog from, Catalog to, IndexChange index) {
        Table after = to.table(index.table()).orElse(null);
        if (after == null || !index.columns().stream().allMatch(c -> after.column(c).isPresent())) {
            return List.of();
        }
        return from.table(index.table()).stream().flatMap(t -> t.foreignKeys().stream())
                .filter(key -> after.foreignKeys().stream().anyMatch(k -> k.name().equals(key.name())
                        && k.columns().equals(key.columns())))
                .map(ForeignKey::columns)
                .filter(key -> leads(key, index.columns())).toList();
    }

    private static boolean leads(List<String> key, List<String> columns) {
        return key.size() <= columns.size() && columns.subList(0, key.size()).equals(key);
    }

    /**
     * A comment set, changed or removed: the table's with {@code ALTER TABLE … COMMENT}, a column's by restating the
     * column (MySQL has no COMMENT ON), unless the column is restated for another change already.
     */
    private static void comment(ModifyComment change, Catalog to, Set<String> restated,
            Map<Phase, List<PlannedStatement>> phases) {
        if (change.column() == null) {
            add(phases, Phase.MODIFY_COLUMN, change.object(), alter(change.table()) + " COMMENT = "
                    + Identifiers.literal(change.after() == null ? "" : change.after()));
        } else if (!restated.contains(change.object())) {
            to.table(change.table()).flatMap(t -> t.column(change.column())).ifPresent(column -> add(phases,
                    Phase.MODIFY_COLUMN, change.object(), alter(change.table()) + " MODIFY COLUMN "
                            + columnDefinition(column)));
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
                + " (\n  " + String.join(",\n  ", lines) + "\n)"
                + (table.comment() == null ? "" : " COMMENT = " + Identifiers.literal(table.comment())));
        for (ForeignKey key : table.foreignKeys()) {
            add(phases, Phase.ADD_FOREIGN_KEY, table.qualifiedName().member(key.name()), alter(table.qualifiedName())
                    + " ADD " + foreignKey(key));
        }
    }

    /**
     * The whole column, as CREATE TABLE and MODIFY COLUMN take it, comment and ON UPDATE included (what MODIFY leaves
     * out, it removes). Nullability is always written: a TIMESTAMP column
     * without it may get NOT NULL and an automatic default on servers that still promote timestamps.
     */
    private static String columnDefinition(Column c) {
        StringBuilder sql = new StringBuilder(Identifiers.quote(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sql.append(" COLLATE ").append(c.collation());
        }
        if (c.generated() != Column.Generated.NONE) {
            sql.append(" GENERATED ALWAYS AS (").append(c.generationExpression()).append(')')
                    .append(c.generated() == Column.Generated.STORED ? " STORED" : " VIRTUAL")
                    .append(c.notNull() ? " NOT NULL" : "");
        } else {
            sql.append(c.notNull() ? " NOT NULL" : " NULL");
            if (c.defaultExpression() != null) {
                sql.append(" DEFAULT ").append(c.defaultExpression());
            }
            if (c.onUpdate() != null) {
                sql.append(" ON UPDATE ").append(c.onUpdate());
            }
            if (c.identity() != Column.Identity.NONE) {
                sql.append(" AUTO_INCREMENT");
            }
        }
        if (c.comment() != null) {
            sql.append(" COMMENT ").append(Identifiers.literal(c.comment()));
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
