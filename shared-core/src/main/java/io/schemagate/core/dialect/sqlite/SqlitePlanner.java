package io.schemagate.core.dialect.sqlite;

import static io.schemagate.core.dialect.sqlite.ConstraintText.quote;

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
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddIndex;
import io.schemagate.core.schema.SchemaChange.AddTable;
import io.schemagate.core.schema.SchemaChange.AddTrigger;
import io.schemagate.core.schema.SchemaChange.AddView;
import io.schemagate.core.schema.SchemaChange.DropColumn;
import io.schemagate.core.schema.SchemaChange.DropIndex;
import io.schemagate.core.schema.SchemaChange.DropTable;
import io.schemagate.core.schema.SchemaChange.DropTrigger;
import io.schemagate.core.schema.SchemaChange.DropView;
import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.ModifyTrigger;
import io.schemagate.core.schema.SchemaChange.ModifyView;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.UniqueConstraint;
import io.schemagate.core.schema.View;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQLite DDL that turns one schema into another, matched by name. SQLite's ALTER TABLE only adds, drops and
 * renames columns; any other change of a table is a rebuild, as SQLite's documentation lays it out: create the new
 * table under a temporary name, copy the rows of the columns both have, drop the old one, rename the new one, and
 * create its indexes and triggers again. Views that read a rebuilt or dropped table, and triggers whose body names it,
 * are dropped first and created again after. A plan with a rebuild turns foreign keys off around it ({@code PRAGMA
 * foreign_keys} only works outside a transaction, so that file runs without one): with them on, dropping the old
 * table would delete, or cascade to, the rows that reference it. It checks them after ({@code PRAGMA
 * foreign_key_check} lists any row left without its parent).
 */
public final class SqlitePlanner implements SchemaPlanner {
    private enum Phase {
        KEYS_OFF, DROP_VIEW, DROP_TRIGGER, DROP_INDEX, DROP_TABLE, DROP_COLUMN, CREATE_TABLE, REBUILD, ADD_COLUMN,
        CREATE_INDEX, CREATE_TRIGGER, CREATE_VIEW, KEYS_ON
    }

    static final String REBUILD_PREFIX = "_schemagate_new_";
    private static final String AUTOINCREMENT = "AUTOINCREMENT";

    @Override
    public Plan plan(Catalog current, Catalog desired, PlanOptions options) {
        Catalog from = NameIdentity.of(current);
        Catalog to = NameIdentity.of(desired);
        return new Planning(from, to).run(SchemaDiff.diff(from, to));
    }

    private static final class Planning {
        private final Catalog from;
        private final Catalog to;
        private final Map<Phase, List<PlannedStatement>> phases = new EnumMap<>(Phase.class);
        private final List<String> notes = new ArrayList<>();
        /** Tables present on both sides that need a rebuild. */
        private final Set<String> rebuilt = new LinkedHashSet<>();
        private final Set<String> droppedTables = new LinkedHashSet<>();
        private final Set<String> droppedViews = new LinkedHashSet<>();
        private final Map<String, View> createdViews = new LinkedHashMap<>();

        Planning(Catalog from, Catalog to) {
            this.from = from;
            this.to = to;
            for (Phase phase : Phase.values()) {
                phases.put(phase, new ArrayList<>());
            }
        }

        Plan run(List<SchemaChange> changes) {
            // First which tables need a rebuild: their other changes are then part of it.
            for (SchemaChange change : changes) {
                String table = tableOf(change);
                if (table != null && !inPlace(change)) {
                    rebuilt.add(table);
                }
            }
            for (SchemaChange change : changes) {
                plan(change);
            }
            rebuilt.forEach(this::rebuild);
            recreateDependentViews();
            for (View view : ViewOrder.forCreation(createdViews.values())) {
                add(Phase.CREATE_VIEW, view.name(), "CREATE VIEW " + quote(view.name()) + " AS " + view.definition());
                view.triggers().forEach(t -> add(Phase.CREATE_TRIGGER, view.name() + "." + t.name(), t.definition()));
            }
            if (!rebuilt.isEmpty()) {
                add(Phase.KEYS_OFF, "", "PRAGMA foreign_keys = OFF");
                add(Phase.KEYS_ON, "", "PRAGMA foreign_key_check");
                add(Phase.KEYS_ON, "", "PRAGMA foreign_keys = ON");
            }
            notes.addAll(RenameHints.of(changes, name -> quote(name.name()), ConstraintText::quote));
            List<PlannedStatement> statements = new ArrayList<>();
            phases.values().forEach(statements::addAll);
            // PRAGMA foreign_keys is a no-op inside a transaction: a plan with a rebuild runs without one.
            return new Plan(statements.isEmpty() ? List.of()
                    : List.of(new PlannedFile(rebuilt.isEmpty(), statements)), notes);
        }

        /** The kept table a member change belongs to; null for table, view and trigger-less changes. */
        private String tableOf(SchemaChange change) {
            if (change instanceof AddTable || change instanceof DropTable || change instanceof AddView
                    || change instanceof DropView || change instanceof ModifyView) {
                return null;
            }
            String object = change.object();
            int dot = object.indexOf('.');
            String table = dot < 0 ? object : object.substring(0, dot);
            return from.table("", table).isPresent() && to.table("", table).isPresent() ? table : null;
        }

        /** What SQLite's ALTER TABLE, CREATE and DROP can do without a rebuild. */
        private boolean inPlace(SchemaChange change) {
            if (change instanceof AddIndex || change instanceof DropIndex || change instanceof ModifyIndex
                    || change instanceof AddTrigger || change instanceof DropTrigger || change instanceof ModifyTrigger) {
                return true;
            }
            if (change instanceof AddColumn c) {
                Column column = c.column();
                Table after = to.table(c.table()).orElseThrow();
                return column.generated() != Column.Generated.STORED && (!column.notNull() || column.hasDefault())
                        && constantDefault(column) && !isKeyOrReferenced(after, column.name());
            }
            if (change instanceof DropColumn c) {
                Table before = from.table(c.table()).orElseThrow();
                return !isKeyOrReferenced(before, c.column().name());
            }
            return false;
        }

        /** ADD COLUMN takes only a constant default (not CURRENT_TIMESTAMP, not an expression in parentheses). */
        private static boolean constantDefault(Column column) {
            String value = column.defaultExpression();
            return value == null || value.matches("(?i)[-+]?[0-9.]+(e[-+]?[0-9]+)?|'([^']|'')*'|x'[0-9a-f]*'|null|true|false");
        }

        /** A column in a key, a unique, a foreign key, a check or an index cannot be added or dropped by ALTER. */
        private static boolean isKeyOrReferenced(Table table, String column) {
            if (table.primaryKey() != null && table.primaryKey().columns().contains(column)) {
                return true;
            }
            return table.uniques().stream().anyMatch(u -> u.columns().contains(column))
                    || table.foreignKeys().stream().anyMatch(f -> f.columns().contains(column))
                    || table.checks().stream().anyMatch(c -> c.columns().contains(column))
                    || table.indexes().stream().anyMatch(i -> i.columns().contains(column) || i.hasExpressions()
                            || i.partial());
        }

        // Java 17 has no pattern switch; SchemaChange is sealed, and what is not handled here becomes a note.
        private void plan(SchemaChange change) {
            String table = tableOf(change);
            if (table != null && rebuilt.contains(table)) {
                return; // the rebuild creates the table as it should be
            }
            if (change instanceof AddTable c) {
                createTable(Phase.CREATE_TABLE, c.table(), c.table().name());
                createIndexesAndTriggers(c.table());
            } else if (change instanceof DropTable c) {
                droppedTables.add(c.table().name());
                add(Phase.DROP_TABLE, c.object(), "DROP TABLE " + quote(c.table().name()));
            } else if (change instanceof AddColumn c) {
                add(Phase.ADD_COLUMN, c.object(), "ALTER TABLE " + quote(c.table().name()) + " ADD COLUMN "
                        + columnDefinition(c.column()));
            } else if (change instanceof DropColumn c) {
                add(Phase.DROP_COLUMN, c.object(), "ALTER TABLE " + quote(c.table().name()) + " DROP COLUMN "
                        + quote(c.column().name()));
            } else if (change instanceof AddIndex c) {
                add(Phase.CREATE_INDEX, c.object(), c.index().definition());
            } else if (change instanceof DropIndex c) {
                add(Phase.DROP_INDEX, c.object(), "DROP INDEX " + quote(c.index().name()));
            } else if (change instanceof ModifyIndex c) {
                add(Phase.DROP_INDEX, c.object(), "DROP INDEX " + quote(c.before().name()));
                add(Phase.CREATE_INDEX, c.object(), c.after().definition());
            } else if (change instanceof AddTrigger c) {
                add(Phase.CREATE_TRIGGER, c.object(), c.trigger().definition());
            } else if (change instanceof DropTrigger c) {
                add(Phase.DROP_TRIGGER, c.object(), "DROP TRIGGER " + quote(c.trigger().name()));
            } else if (change instanceof ModifyTrigger c) {
                add(Phase.DROP_TRIGGER, c.object(), "DROP TRIGGER " + quote(c.before().name()));
                add(Phase.CREATE_TRIGGER, c.object(), c.after().definition());
            } else if (change instanceof AddView c) {
                createdViews.put(c.view().name(), c.view());
            } else if (change instanceof DropView c) {
                droppedViews.add(c.view().name());
            } else if (change instanceof ModifyView c) {
                droppedViews.add(c.before().name());
                createdViews.put(c.after().name(), c.after());
            } else {
                notes.add(change.kind() + " " + change.object() + ": not planned (written by hand)");
            }
        }

        /** SQLite's twelve steps, the ones a migration file can take: new table, copy, drop, rename, indexes, triggers. */
        private void rebuild(String name) {
            Table before = from.table("", name).orElseThrow();
            Table after = to.table("", name).orElseThrow();
            String temporary = REBUILD_PREFIX + name;
            createTable(Phase.REBUILD, after, temporary);
            List<String> copied = after.columns().stream()
                    .filter(c -> c.generated() == Column.Generated.NONE)
                    .map(Column::name)
                    .filter(c -> before.column(c).filter(b -> b.generated() == Column.Generated.NONE).isPresent())
                    .toList();
            String columns = String.join(", ", copied.stream().map(ConstraintText::quote).toList());
            if (!copied.isEmpty()) {
                add(Phase.REBUILD, name, "INSERT INTO " + quote(temporary) + " (" + columns + ") SELECT " + columns
                        + " FROM " + quote(name));
            }
            if (before.options().contains(AUTOINCREMENT) && after.options().contains(AUTOINCREMENT)) {
                keepSequence(name, temporary);
            }
            add(Phase.REBUILD, name, "DROP TABLE " + quote(name));
            add(Phase.REBUILD, name, "ALTER TABLE " + quote(temporary) + " RENAME TO " + quote(name));
            createIndexesAndTriggers(after);
        }

        /**
         * AUTOINCREMENT never hands out an id again, even one whose row is gone: sqlite_sequence keeps the highest.
         * The copy only raises the new table's to the highest id left, so the old table's value is carried over
         * (DROP TABLE removes its row, RENAME renames the new one's).
         */
        private void keepSequence(String name, String temporary) {
            String old = stringLiteral(name);
            String copy = stringLiteral(temporary);
            add(Phase.REBUILD, name, "UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ("
                    + old + ", " + copy + ")) WHERE name = " + copy);
            add(Phase.REBUILD, name, "INSERT INTO sqlite_sequence (name, seq) SELECT " + copy
                    + ", seq FROM sqlite_sequence WHERE name = " + old
                    + " AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = " + copy + ")");
        }

        private static String stringLiteral(String text) {
            return "'" + text.replace("'", "''") + "'";
        }

        private void createIndexesAndTriggers(Table table) {
            for (Index index : table.indexes()) {
                if (index.constraint() == null && index.definition() != null) {
                    add(Phase.CREATE_INDEX, table.name() + "." + index.name(), index.definition());
                }
            }
            for (Trigger trigger : table.triggers()) {
                add(Phase.CREATE_TRIGGER, table.name() + "." + trigger.name(), trigger.definition());
            }
        }

        /**
         * CREATE TABLE with the table's options. AUTOINCREMENT is a column constraint of the INTEGER PRIMARY KEY
         * only, so such a key is declared on its column.
         */
        private void createTable(Phase phase, Table table, String name) {
            List<String> lines = new ArrayList<>();
            boolean autoincrement = table.options().contains(AUTOINCREMENT) && table.primaryKey() != null
                    && table.primaryKey().columns().size() == 1;
            for (Column c : table.columns()) {
                lines.add(autoincrement && table.primaryKey().columns().contains(c.name())
                        ? columnDefinition(c) + " CONSTRAINT " + quote(table.primaryKey().name()) + " PRIMARY KEY "
                                + AUTOINCREMENT
                        : columnDefinition(c));
            }
            if (table.primaryKey() != null && !autoincrement) {
                lines.add("CONSTRAINT " + quote(table.primaryKey().name()) + " " + table.primaryKey().definition());
            }
            for (UniqueConstraint unique : table.uniques()) {
                lines.add("CONSTRAINT " + quote(unique.name()) + " " + unique.definition());
            }
            for (Check check : table.checks()) {
                lines.add("CONSTRAINT " + quote(check.name()) + " " + check.definition());
            }
            for (ForeignKey key : table.foreignKeys()) {
                lines.add("CONSTRAINT " + quote(key.name()) + " " + key.definition());
            }
            List<String> options = table.options().stream().filter(o -> !o.equals(AUTOINCREMENT)).toList();
            add(phase, table.name(), "CREATE TABLE " + quote(name) + " (\n  " + String.join(",\n  ", lines) + "\n)"
                    + (options.isEmpty() ? "" : " " + String.join(", ", options)));
        }

        private static String columnDefinition(Column c) {
            StringBuilder sql = new StringBuilder(quote(c.name()));
            if (!c.type().isEmpty()) {
                sql.append(' ').append(c.type());
            }
            if (c.collation() != null) {
                sql.append(" COLLATE ").append(c.collation());
            }
            if (c.generated() != Column.Generated.NONE) {
                sql.append(" GENERATED ALWAYS AS (").append(c.generationExpression()).append(')')
                        .append(c.generated() == Column.Generated.STORED ? " STORED" : " VIRTUAL");
            } else if (c.defaultExpression() != null) {
                sql.append(" DEFAULT ").append(c.defaultExpression());
            }
            if (c.notNull()) {
                sql.append(" NOT NULL");
            }
            return sql.toString();
        }

        /**
         * Views reading a rebuilt or dropped table (or a dropped view) are dropped first and created again after; so are
         * triggers on other tables whose body names a rebuilt table (SQLite checks them when the new table is renamed).
         */
        private void recreateDependentViews() {
            Set<String> blockers = new LinkedHashSet<>(rebuilt);
            blockers.addAll(droppedTables);
            blockers.addAll(droppedViews);
            Map<String, Set<String>> reads = new LinkedHashMap<>();
            for (Schema schema : from.schemas()) {
                schema.views().forEach(v -> reads.put(v.name(), ViewOrder.words(v.definition())));
            }
            boolean more = true;
            while (more) {
                more = false;
                for (Map.Entry<String, Set<String>> entry : reads.entrySet()) {
                    String view = entry.getKey();
                    if (!droppedViews.contains(view) && entry.getValue().stream().anyMatch(blockers::contains)) {
                        droppedViews.add(view);
                        blockers.add(view);
                        to.schema("").flatMap(s -> s.view(view)).ifPresent(v -> createdViews.putIfAbsent(v.name(), v));
                        more = true;
                    }
                }
            }
            for (String view : droppedViews) {
                add(Phase.DROP_VIEW, view, "DROP VIEW " + quote(view));
            }
            for (Table table : from.tables().toList()) {
                if (rebuilt.contains(table.name()) || droppedTables.contains(table.name())) {
                    continue; // its own triggers go with it (and a rebuild creates them again)
                }
                for (Trigger trigger : table.triggers()) {
                    if (ViewOrder.words(trigger.definition()).stream().anyMatch(rebuilt::contains)) {
                        add(Phase.DROP_TRIGGER, table.name() + "." + trigger.name(), "DROP TRIGGER " + quote(trigger.name()));
                        to.table("", table.name()).flatMap(t -> t.triggers().stream()
                                        .filter(d -> d.name().equals(trigger.name())).findFirst())
                                .ifPresent(d -> add(Phase.CREATE_TRIGGER, table.name() + "." + d.name(), d.definition()));
                    }
                }
            }
        }

        private void add(Phase phase, String object, String sql) {
            phases.get(phase).add(new PlannedStatement(sql, object));
        }
    }
}
