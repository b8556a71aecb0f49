package io.schemagate.core.dialect.postgres;

import static io.schemagate.core.dialect.postgres.PostgresIdentifiers.literal;
import static io.schemagate.core.dialect.postgres.PostgresIdentifiers.quote;

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
import io.schemagate.core.schema.Constraint;
import io.schemagate.core.schema.EnumType;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.MaterializedView;
import io.schemagate.core.schema.NameIdentity;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddCheck;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddEnum;
import io.schemagate.core.schema.SchemaChange.AddForeignKey;
import io.schemagate.core.schema.SchemaChange.AddIndex;
import io.schemagate.core.schema.SchemaChange.AddMaterializedView;
import io.schemagate.core.schema.SchemaChange.AddPrimaryKey;
import io.schemagate.core.schema.SchemaChange.AddSchema;
import io.schemagate.core.schema.SchemaChange.AddSequence;
import io.schemagate.core.schema.SchemaChange.AddTable;
import io.schemagate.core.schema.SchemaChange.AddUnique;
import io.schemagate.core.schema.SchemaChange.AddView;
import io.schemagate.core.schema.SchemaChange.DropCheck;
import io.schemagate.core.schema.SchemaChange.DropColumn;
import io.schemagate.core.schema.SchemaChange.DropEnum;
import io.schemagate.core.schema.SchemaChange.DropForeignKey;
import io.schemagate.core.schema.SchemaChange.DropIndex;
import io.schemagate.core.schema.SchemaChange.DropMaterializedView;
import io.schemagate.core.schema.SchemaChange.DropPrimaryKey;
import io.schemagate.core.schema.SchemaChange.DropSchema;
import io.schemagate.core.schema.SchemaChange.DropSequence;
import io.schemagate.core.schema.SchemaChange.DropTable;
import io.schemagate.core.schema.SchemaChange.DropUnique;
import io.schemagate.core.schema.SchemaChange.DropView;
import io.schemagate.core.schema.SchemaChange.ModifyColumn;
import io.schemagate.core.schema.SchemaChange.ModifyComment;
import io.schemagate.core.schema.SchemaChange.ModifyConstraint;
import io.schemagate.core.schema.SchemaChange.ModifyEnum;
import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.ModifySequence;
import io.schemagate.core.schema.SchemaChange.ModifyTable;
import io.schemagate.core.schema.SchemaChange.ModifyView;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.schema.Sequence;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The PostgreSQL DDL that turns one schema into another. Objects are matched by name ({@link NameIdentity}), so a
 * rename is planned as a drop and an add and left to the analyzers to flag, with a note suggesting the rename.
 *
 * <p>Statements go in dependency order, by phase: schemas, types and sequences first; then what must go before
 * tables change (views that read them, foreign keys, constraints, indexes); then drops, creates and alters of
 * tables; then constraints, indexes and foreign keys; views last, and the drops of what nothing uses any more. With
 * {@link PlanOptions#SAFE}, what would hold a lock while scanning an existing table moves to a second file that runs
 * outside a transaction: indexes built {@code CONCURRENTLY}, and the validation of constraints added
 * {@code NOT VALID} (also the check that lets SET NOT NULL skip its scan).
 */
public final class PostgresPlanner implements SchemaPlanner {
    /** Run order; ONLINE is the second, non-transactional file. */
    private enum Phase {
        CREATE_SCHEMA, CREATE_TYPE, ALTER_TYPE, CREATE_SEQUENCE, DISOWN_SEQUENCE, DROP_VIEW, DROP_FOREIGN_KEY,
        DROP_CONSTRAINT, DROP_INDEX, DROP_TABLE, DROP_COLUMN, CREATE_TABLE, ALTER_TABLE, ADD_COLUMN, ALTER_COLUMN,
        ADD_CONSTRAINT, CREATE_INDEX, ADD_FOREIGN_KEY, OWN_SEQUENCE, ALTER_SEQUENCE, COMMENT, CREATE_VIEW, DROP_SEQUENCE,
        DROP_TYPE, DROP_SCHEMA, ONLINE
    }

    private final int serverMajor;

    /** @param serverMajor the PostgreSQL major the plan is for (what ALTER can do in place depends on it) */
    public PostgresPlanner(int serverMajor) {
        this.serverMajor = serverMajor;
    }

    @Override
    public Plan plan(Catalog current, Catalog desired, PlanOptions options) {
        Catalog from = NameIdentity.of(current);
        Catalog to = NameIdentity.of(desired);
        return new Planning(from, to, options).run(SchemaDiff.diff(from, to));
    }

    /** One plan being written. */
    private final class Planning {
        private final Catalog from;
        private final Catalog to;
        private final PlanOptions options;
        private final Map<Phase, List<PlannedStatement>> phases = new EnumMap<>(Phase.class);
        private final List<String> notes = new ArrayList<>();
        /** Views dropped by the plan, and views created: to recreate those that read a changed table. */
        private final Set<QualifiedName> droppedViews = new LinkedHashSet<>();
        private final Map<QualifiedName, View> createdViews = new LinkedHashMap<>();
        private final List<Table> droppedTables = new ArrayList<>();
        /** Tables whose columns change shape: views reading them must be dropped and re-created around it. */
        private final Set<QualifiedName> reshapedTables = new LinkedHashSet<>();

        Planning(Catalog from, Catalog to, PlanOptions options) {
            this.from = from;
            this.to = to;
            this.options = options;
            for (Phase phase : Phase.values()) {
                phases.put(phase, new ArrayList<>());
            }
        }

        Plan run(List<SchemaChange> changes) {
            for (SchemaChange change : changes) {
                plan(change);
            }
            sequenceOwners();
            dropTables();
            recreateDependentViews();
            createViews();
            notes.addAll(RenameHints.of(changes, PostgresIdentifiers::quote, PostgresIdentifiers::quote));
            List<PlannedStatement> transactional = new ArrayList<>();
            for (Phase phase : Phase.values()) {
                if (phase != Phase.ONLINE && phase != Phase.ALTER_TYPE) {
                    transactional.addAll(phases.get(phase));
                }
            }
            List<PlannedFile> files = new ArrayList<>();
            // A new enum label cannot be used in the transaction that adds it (a DEFAULT, a row): added in a file
            // of its own, first, outside a transaction.
            if (!phases.get(Phase.ALTER_TYPE).isEmpty()) {
                files.add(new PlannedFile(false, phases.get(Phase.ALTER_TYPE), "enum_values"));
            }
            if (!transactional.isEmpty()) {
                files.add(new PlannedFile(true, transactional));
            }
            if (!phases.get(Phase.ONLINE).isEmpty()) {
                files.add(new PlannedFile(false, phases.get(Phase.ONLINE), "online"));
            }
            return new Plan(files, notes);
        }

        private void add(Phase phase, String object, String sql) {
            phases.get(phase).add(new PlannedStatement(sql, object));
        }

        private boolean existing(QualifiedName table) {
            return from.table(table).isPresent();
        }

        // Java 17 has no pattern switch; SchemaChange is sealed, and what is not handled here becomes a note.
        private void plan(SchemaChange change) {
            if (change instanceof AddSchema c) {
                add(Phase.CREATE_SCHEMA, c.object(), "CREATE SCHEMA " + quote(c.schema().name()));
                addContents(c.schema());
            } else if (change instanceof DropSchema c) {
                add(Phase.DROP_SCHEMA, c.object(), "DROP SCHEMA " + quote(c.schema().name())
                        + (c.schema().isEmpty() ? "" : " CASCADE"));
            } else if (change instanceof AddEnum c) {
                createEnum(c.type());
            } else if (change instanceof DropEnum c) {
                add(Phase.DROP_TYPE, c.object(), "DROP TYPE " + quote(c.type().qualifiedName()));
            } else if (change instanceof ModifyEnum c) {
                alterEnum(c.before(), c.after());
            } else if (change instanceof AddSequence c) {
                createSequence(c.sequence());
            } else if (change instanceof DropSequence c) {
                // A sequence owned by a dropped column or table goes with it.
                add(Phase.DROP_SEQUENCE, c.object(), "DROP SEQUENCE " + (c.sequence().ownedBy() == null ? "" : "IF EXISTS ")
                        + quote(c.sequence().qualifiedName()));
            } else if (change instanceof ModifySequence c) {
                add(Phase.ALTER_SEQUENCE, c.object(), "ALTER SEQUENCE " + quote(c.after().qualifiedName())
                        + sequenceOptions(c.after()));
            } else if (change instanceof AddTable c) {
                createTable(c.table());
            } else if (change instanceof DropTable c) {
                droppedTables.add(c.table());
                reshapedTables.add(c.table().qualifiedName());
            } else if (change instanceof ModifyTable c) {
                alterTable(c.before(), c.after());
            } else if (change instanceof AddColumn c) {
                addColumn(c.table(), c.column());
            } else if (change instanceof DropColumn c) {
                reshapedTables.add(c.table());
                add(Phase.DROP_COLUMN, c.object(), "ALTER TABLE " + quote(c.table()) + " DROP COLUMN "
                        + quote(c.column().name()));
            } else if (change instanceof ModifyColumn c) {
                alterColumn(c.table(), c.before(), c.after());
            } else if (change instanceof ModifyComment c) {
                comment(c.table(), c.column(), c.after());
            } else if (change instanceof AddPrimaryKey c) {
                addConstraint(c.table(), c.primaryKey(), existing(c.table()));
            } else if (change instanceof AddUnique c) {
                addConstraint(c.table(), c.unique(), existing(c.table()));
            } else if (change instanceof AddCheck c) {
                addConstraint(c.table(), c.check(), existing(c.table()));
            } else if (change instanceof AddForeignKey c) {
                addConstraint(c.table(), c.foreignKey(), existing(c.table()));
            } else if (change instanceof DropForeignKey c) {
                dropConstraint(Phase.DROP_FOREIGN_KEY, c.table(), c.foreignKey());
            } else if (change instanceof DropPrimaryKey c) {
                dropConstraint(Phase.DROP_CONSTRAINT, c.table(), c.primaryKey());
            } else if (change instanceof DropUnique c) {
                dropConstraint(Phase.DROP_CONSTRAINT, c.table(), c.unique());
            } else if (change instanceof DropCheck c) {
                dropConstraint(Phase.DROP_CONSTRAINT, c.table(), c.check());
            } else if (change instanceof ModifyConstraint c) {
                alterConstraint(c.table(), c.before(), c.after());
            } else if (change instanceof AddIndex c) {
                createIndex(c.table(), c.index(), existing(c.table()));
            } else if (change instanceof DropIndex c) {
                dropIndex(c.table(), c.index());
            } else if (change instanceof ModifyIndex c) {
                dropIndex(c.table(), c.before());
                createIndex(c.table(), c.after(), existing(c.table()));
            } else if (change instanceof AddView c) {
                createdViews.put(c.view().qualifiedName(), c.view());
            } else if (change instanceof DropView c) {
                droppedViews.add(c.view().qualifiedName());
            } else if (change instanceof ModifyView c) {
                droppedViews.add(c.before().qualifiedName());
                createdViews.put(c.after().qualifiedName(), c.after());
            } else if (change instanceof AddMaterializedView c) {
                createMaterializedView(c.view());
            } else if (change instanceof DropMaterializedView c) {
                add(Phase.DROP_VIEW, c.object(), "DROP MATERIALIZED VIEW " + quote(c.view().qualifiedName()));
            } else {
                notes.add(change.kind() + " " + change.object() + ": not planned (functions, triggers and this change"
                        + " are written by hand)");
            }
        }

        /** What a new schema holds, planned like objects added to an existing one. */
        private void addContents(Schema schema) {
            schema.enums().forEach(this::createEnum);
            schema.sequences().forEach(this::createSequence);
            schema.tables().forEach(this::createTable);
            schema.views().forEach(v -> createdViews.put(v.qualifiedName(), v));
            schema.materializedViews().forEach(this::createMaterializedView);
            if (!schema.functions().isEmpty()) {
                notes.add("functions in schema " + schema.name() + ": not planned (written by hand)");
            }
        }

        private void createEnum(EnumType type) {
            add(Phase.CREATE_TYPE, type.qualifiedName().toString(), "CREATE TYPE " + quote(type.qualifiedName())
                    + " AS ENUM (" + String.join(", ", type.values().stream().map(PostgresIdentifiers::literal).toList())
                    + ")");
        }

        /** New labels are added in place; a label removed or moved cannot be, and is left to the author. */
        private void alterEnum(EnumType before, EnumType after) {
            List<String> kept = after.values().stream().filter(before.values()::contains).toList();
            if (!kept.equals(before.values())) {
                notes.add(after.qualifiedName() + ": enum labels removed or reordered; not planned (PostgreSQL cannot"
                        + " drop a label: create a new type and convert the columns by hand)");
                return;
            }
            List<String> values = after.values();
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (before.values().contains(value)) {
                    continue;
                }
                String where = i > 0 ? " AFTER " + literal(values.get(i - 1)) : " BEFORE " + literal(kept.get(0));
                add(Phase.ALTER_TYPE, after.qualifiedName().toString(), "ALTER TYPE " + quote(after.qualifiedName())
                        + " ADD VALUE " + literal(value) + (kept.isEmpty() ? "" : where));
            }
        }

        private void createSequence(Sequence sequence) {
            add(Phase.CREATE_SEQUENCE, sequence.qualifiedName().toString(), "CREATE SEQUENCE "
                    + quote(sequence.qualifiedName()) + sequenceOptions(sequence));
            if (sequence.ownedBy() != null) {
                own(sequence);
            }
        }

        private void own(Sequence sequence) {
            String[] owner = sequence.ownedBy().split("\\.", 3);
            if (owner.length == 3) {
                add(Phase.OWN_SEQUENCE, sequence.qualifiedName().toString(), "ALTER SEQUENCE "
                        + quote(sequence.qualifiedName()) + " OWNED BY "
                        + quote(new QualifiedName(owner[0], owner[1])) + "." + quote(owner[2]));
            }
        }

        /**
         * A sequence kept by name whose owning column changes (the differ leaves OWNED BY out): it is released before
         * anything is dropped, or dropping its old table or column would take it along (a table renamed by hand keeps
         * its serial's sequence name, e.g. Harbor's registry and replication_target_id_seq), and given to its new
         * column after that exists.
         */
        private void sequenceOwners() {
            for (Schema schema : from.schemas()) {
                Schema target = to.schema(schema.name()).orElse(null);
                if (target == null) {
                    continue;
                }
                for (Sequence before : schema.sequences()) {
                    Sequence after = target.sequences().stream().filter(q -> q.name().equals(before.name())).findFirst()
                            .orElse(null);
                    if (after == null || Objects.equals(before.ownedBy(), after.ownedBy())) {
                        continue;
                    }
                    if (before.ownedBy() != null) {
                        add(Phase.DISOWN_SEQUENCE, after.qualifiedName().toString(), "ALTER SEQUENCE "
                                + quote(after.qualifiedName()) + " OWNED BY NONE");
                    }
                    if (after.ownedBy() != null) {
                        own(after);
                    }
                }
            }
        }

        private String sequenceOptions(Sequence s) {
            return " AS " + s.type() + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE "
                    + s.max() + " START WITH " + s.start() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE");
        }

        private void createTable(Table table) {
            String name = quote(table.qualifiedName());
            String object = table.qualifiedName().toString();
            commentNew(table.qualifiedName(), null, table.comment());
            table.columns().forEach(c -> commentNew(table.qualifiedName(), c.name(), c.comment()));
            if (table.partitionOf() != null) {
                // Columns, keys and indexes come from the parent.
                add(Phase.CREATE_TABLE, object, "CREATE TABLE " + name + " PARTITION OF "
                        + quote(table.partitionOf().parent()) + " " + table.partitionOf().bound());
                return;
            }
            List<String> lines = new ArrayList<>();
            table.columns().forEach(c -> lines.add(columnDefinition(c)));
            if (table.primaryKey() != null) {
                lines.add("CONSTRAINT " + quote(table.primaryKey().name()) + " " + table.primaryKey().definition());
            }
            table.uniques().forEach(u -> lines.add("CONSTRAINT " + quote(u.name()) + " " + u.definition()));
            table.checks().forEach(c -> lines.add("CONSTRAINT " + quote(c.name()) + " " + c.definition()));
            String kind = table.kind() == Table.Kind.FOREIGN ? "FOREIGN TABLE " : table.unlogged() ? "UNLOGGED TABLE " : "TABLE ";
            add(Phase.CREATE_TABLE, object, "CREATE " + kind + name + " (\n  " + String.join(",\n  ", lines) + "\n)"
                    + (table.partitionKey() != null ? " PARTITION BY " + table.partitionKey() : ""));
            for (Index index : table.indexes()) {
                if (index.constraint() == null) {
                    createIndex(table.qualifiedName(), index, false);
                }
            }
            table.foreignKeys().forEach(f -> addConstraint(table.qualifiedName(), f, false));
            unplannedTriggers(table.qualifiedName(), table.triggers());
        }

        /** The triggers of a table or view the plan creates: not planned either, and said so like those added. */
        private void unplannedTriggers(QualifiedName owner, List<Trigger> triggers) {
            for (Trigger trigger : triggers) {
                notes.add("add_trigger " + owner.member(trigger.name()) + ": not planned (functions, triggers and this"
                        + " change are written by hand)");
            }
        }

        private void alterTable(Table before, Table after) {
            if (before.unlogged() != after.unlogged() && before.kind() == after.kind()
                    && Objects.equals(before.partitionKey(), after.partitionKey())
                    && Objects.equals(before.partitionOf(), after.partitionOf())) {
                add(Phase.ALTER_TABLE, after.qualifiedName().toString(), "ALTER TABLE " + quote(after.qualifiedName())
                        + (after.unlogged() ? " SET UNLOGGED" : " SET LOGGED"));
                return;
            }
            notes.add(after.qualifiedName() + ": the table's kind or partitioning changes; not planned (re-create it"
                    + " by hand)");
        }

        private void addColumn(QualifiedName table, Column column) {
            add(Phase.ADD_COLUMN, table.member(column.name()), "ALTER TABLE " + quote(table) + " ADD COLUMN "
                    + columnDefinition(column));
            commentNew(table, column.name(), column.comment());
        }

        /** A new table's or column's comment, when it has one. */
        private void commentNew(QualifiedName table, String column, String comment) {
            if (comment != null) {
                comment(table, column, comment);
            }
        }

        /**
         * COMMENT ON the table (column null) or one of its columns; null removes it. Once per object: a column dropped
         * and added again whose comment also changed gets one statement.
         */
        private void comment(QualifiedName table, String column, String comment) {
            String object = column == null ? table.toString() : table.member(column);
            if (phases.get(Phase.COMMENT).stream().noneMatch(p -> p.object().equals(object))) {
                add(Phase.COMMENT, object, "COMMENT ON " + (column == null ? "TABLE " + quote(table)
                        : "COLUMN " + quote(table) + "." + quote(column)) + " IS "
                        + (comment == null ? "NULL" : literal(comment)));
            }
        }

        private String columnDefinition(Column c) {
            StringBuilder sql = new StringBuilder(quote(c.name())).append(' ').append(c.type());
            if (c.collation() != null) {
                sql.append(" COLLATE ").append(quote(c.collation()));
            }
            if (c.generated() != Column.Generated.NONE) {
                sql.append(" GENERATED ALWAYS AS (").append(c.generationExpression()).append(')')
                        .append(c.generated() == Column.Generated.STORED ? " STORED" : " VIRTUAL");
            } else if (c.identity() != Column.Identity.NONE) {
                sql.append(c.identity() == Column.Identity.ALWAYS ? " GENERATED ALWAYS AS IDENTITY"
                        : " GENERATED BY DEFAULT AS IDENTITY");
            } else if (c.defaultExpression() != null) {
                sql.append(" DEFAULT ").append(c.defaultExpression());
            }
            if (c.notNull()) {
                sql.append(" NOT NULL");
            }
            return sql.toString();
        }

        private void alterColumn(QualifiedName table, Column before, Column after) {
            String alter = "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(after.name());
            String object = table.member(after.name());
            if (before.generated() != after.generated()
                    || !Objects.equals(before.generationExpression(), after.generationExpression())) {
                if (after.generated() == Column.Generated.NONE && before.generated() == Column.Generated.STORED) {
                    add(Phase.ALTER_COLUMN, object, alter + " DROP EXPRESSION");
                } else if (before.generated() == Column.Generated.STORED && after.generated() == Column.Generated.STORED
                        && serverMajor >= 17) {
                    add(Phase.ALTER_COLUMN, object, alter + " SET EXPRESSION AS (" + after.generationExpression() + ")");
                } else {
                    // No ALTER makes a column generated: drop and add it (its values are computed again).
                    reshapedTables.add(table);
                    add(Phase.DROP_COLUMN, object, "ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(before.name()));
                    addColumn(table, after);
                    return;
                }
            }
            boolean retyped = !before.type().equals(after.type()) || !Objects.equals(before.collation(), after.collation());
            boolean newDefault = !Objects.equals(before.defaultExpression(), after.defaultExpression());
            if (before.defaultExpression() != null && (newDefault || retyped)) {
                add(Phase.ALTER_COLUMN, object, alter + " DROP DEFAULT"); // the old default may not cast
            }
            if (before.identity() != after.identity()) {
                if (after.identity() == Column.Identity.NONE) {
                    add(Phase.ALTER_COLUMN, object, alter + " DROP IDENTITY");
                }
            }
            if (retyped) {
                reshapedTables.add(table);
                add(Phase.ALTER_COLUMN, object, alter + " TYPE " + after.type()
                        + (after.collation() != null ? " COLLATE " + quote(after.collation()) : "")
                        + " USING " + quote(after.name()) + "::" + after.type());
            }
            if (before.identity() != after.identity() && after.identity() != Column.Identity.NONE) {
                String kind = after.identity() == Column.Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT";
                add(Phase.ALTER_COLUMN, object, alter + (before.identity() == Column.Identity.NONE
                        ? " ADD GENERATED " + kind + " AS IDENTITY" : " SET GENERATED " + kind));
                if (before.identity() == Column.Identity.NONE) {
                    // A new identity starts at 1: a column that already holds numbers (a serial's) continues after them.
                    add(Phase.ALTER_COLUMN, object, "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence("
                            + literal(quote(table)) + ", " + literal(after.name()) + "), coalesce(max("
                            + quote(after.name()) + "), 0) + 1, false) FROM " + quote(table));
                }
            }
            if (after.defaultExpression() != null && (newDefault || retyped)) {
                add(Phase.ALTER_COLUMN, object, alter + " SET DEFAULT " + after.defaultExpression());
            }
            if (before.notNull() && !after.notNull()) {
                add(Phase.ALTER_COLUMN, object, alter + " DROP NOT NULL");
            } else if (!before.notNull() && after.notNull()) {
                setNotNull(table, after, alter);
            }
        }

        /**
         * SET NOT NULL scans the table under an exclusive lock, unless a validated check already proves the column
         * has no null: add one NOT VALID, validate it (no write lock), then SET NOT NULL and drop the check.
         */
        private void setNotNull(QualifiedName table, Column column, String alter) {
            String object = table.member(column.name());
            if (!options.notValid() || serverMajor < 12) {
                add(Phase.ALTER_COLUMN, object, alter + " SET NOT NULL");
                return;
            }
            String check = quote(truncate(table.name() + "_" + column.name() + "_not_null"));
            String alterTable = "ALTER TABLE " + quote(table);
            add(Phase.ALTER_COLUMN, object, alterTable + " ADD CONSTRAINT " + check + " CHECK (" + quote(column.name())
                    + " IS NOT NULL) NOT VALID");
            add(Phase.ONLINE, object, alterTable + " VALIDATE CONSTRAINT " + check);
            add(Phase.ONLINE, object, alter + " SET NOT NULL");
            add(Phase.ONLINE, object, alterTable + " DROP CONSTRAINT " + check);
        }

        private void addConstraint(QualifiedName table, Constraint constraint, boolean existingTable) {
            Phase phase = constraint instanceof ForeignKey ? Phase.ADD_FOREIGN_KEY : Phase.ADD_CONSTRAINT;
            String alterTable = "ALTER TABLE " + quote(table);
            String add = alterTable + " ADD CONSTRAINT " + quote(constraint.name()) + " ";
            String object = table.member(constraint.name());
            boolean validatable = constraint instanceof ForeignKey || constraint instanceof Check;
            if (existingTable && validatable && options.notValid() && constraint.validated()) {
                // Added without a scan under the exclusive lock; the scan happens in VALIDATE, which lets writes on.
                add(phase, object, add + constraint.definition() + " NOT VALID");
                add(Phase.ONLINE, object, alterTable + " VALIDATE CONSTRAINT " + quote(constraint.name()));
            } else {
                add(phase, object, add + constraint.definition());
            }
        }

        private void dropConstraint(Phase phase, QualifiedName table, Constraint constraint) {
            add(phase, table.member(constraint.name()), "ALTER TABLE " + quote(table) + " DROP CONSTRAINT "
                    + quote(constraint.name()));
        }

        private void alterConstraint(QualifiedName table, Constraint before, Constraint after) {
            String alterTable = "ALTER TABLE " + quote(table);
            String object = table.member(after.name());
            if (before instanceof ForeignKey b && after instanceof ForeignKey a && b.onDelete() == a.onDelete()
                    && b.onUpdate() == a.onUpdate() && b.enforced() == a.enforced()) {
                if (b.deferrable() != a.deferrable() || b.initiallyDeferred() != a.initiallyDeferred()) {
                    add(Phase.ADD_FOREIGN_KEY, object, alterTable + " ALTER CONSTRAINT " + quote(a.name())
                            + (a.deferrable() ? " DEFERRABLE" : " NOT DEFERRABLE")
                            + (a.initiallyDeferred() ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE"));
                }
                validate(table, b, a);
                return;
            }
            if (before instanceof Check b && after instanceof Check a && b.enforced() == a.enforced()
                    && b.noInherit() == a.noInherit()) {
                validate(table, b, a);
                return;
            }
            dropConstraint(after instanceof ForeignKey ? Phase.DROP_FOREIGN_KEY : Phase.DROP_CONSTRAINT, table, before);
            addConstraint(table, after, true);
        }

        private void validate(QualifiedName table, Constraint before, Constraint after) {
            if (!before.validated() && after.validated()) {
                add(Phase.ONLINE, table.member(after.name()), "ALTER TABLE " + quote(table) + " VALIDATE CONSTRAINT "
                        + quote(after.name()));
            } else if (before.validated() && !after.validated()) {
                notes.add(table.member(after.name()) + ": a validated constraint cannot become NOT VALID again;"
                        + " nothing planned");
            }
        }

        private void createIndex(QualifiedName table, Index index, boolean existingTable) {
            String object = table.member(index.name());
            if (isPartitionChild(table, index)) {
                return; // created with the parent's index
            }
            Table owner = to.table(table).orElse(null);
            boolean partitioned = owner != null && owner.kind() == Table.Kind.PARTITIONED;
            // The catalog shows a partitioned table's index as ON ONLY (its partitions' indexes attached one by one);
            // created without ONLY, PostgreSQL builds and attaches them itself.
            String definition = index.definition().replaceFirst(" ON ONLY ", " ON ");
            if (existingTable && options.concurrentIndexes() && !partitioned) {
                add(Phase.ONLINE, object, definition.replaceFirst("INDEX ", "INDEX CONCURRENTLY "));
            } else {
                add(Phase.CREATE_INDEX, object, definition);
            }
        }

        /** An index of a partition that mirrors one of its parent's: PostgreSQL creates it with the parent's. */
        private boolean isPartitionChild(QualifiedName table, Index index) {
            Table partition = to.table(table).orElse(null);
            if (partition == null || partition.partitionOf() == null) {
                return false;
            }
            return to.table(partition.partitionOf().parent()).map(parent -> parent.indexes().stream().anyMatch(p ->
                    p.parts().equals(index.parts()) && p.unique() == index.unique()
                            && Objects.equals(p.predicate(), index.predicate()) && p.method().equals(index.method())))
                    .orElse(false);
        }

        private void dropIndex(QualifiedName table, Index index) {
            add(Phase.DROP_INDEX, table.member(index.name()), "DROP INDEX "
                    + quote(new QualifiedName(table.schema(), index.name())));
        }

        private void createMaterializedView(MaterializedView view) {
            add(Phase.CREATE_VIEW, view.qualifiedName().toString(), "CREATE MATERIALIZED VIEW "
                    + quote(view.qualifiedName()) + " AS\n" + view.definition()
                    + (view.populated() ? "" : "\nWITH NO DATA"));
            for (Index index : view.indexes()) {
                add(Phase.CREATE_VIEW, view.qualifiedName().member(index.name()), index.definition());
            }
        }

        /** Dropped tables, those that reference others first. */
        private void dropTables() {
            List<Table> left = new ArrayList<>(droppedTables);
            while (!left.isEmpty()) {
                Table next = left.stream().filter(t -> left.stream().noneMatch(other -> other != t
                        && other.foreignKeys().stream().anyMatch(f -> f.referencedTable().equals(t.qualifiedName()))))
                        .findFirst().orElse(left.get(0)); // a cycle: CASCADE below takes the keys
                left.remove(next);
                add(Phase.DROP_TABLE, next.qualifiedName().toString(), "DROP TABLE " + quote(next.qualifiedName())
                        + (left.isEmpty() || left.stream().noneMatch(t -> references(t, next)) ? "" : " CASCADE"));
            }
        }

        private static boolean references(Table table, Table referenced) {
            return table.foreignKeys().stream().anyMatch(f -> f.referencedTable().equals(referenced.qualifiedName()));
        }

        /**
         * A view that reads a table whose columns change shape (or a view being re-created) blocks the ALTER: it is
         * dropped before and created again after, unchanged. Repeated until no more views are caught.
         */
        private void recreateDependentViews() {
            Map<QualifiedName, View> current = new LinkedHashMap<>();
            from.schemas().forEach(schema -> schema.views().forEach(v -> current.put(v.qualifiedName(), v)));
            Map<QualifiedName, Set<String>> reads = new LinkedHashMap<>();
            current.forEach((name, view) -> reads.put(name, ViewOrder.words(view.definition())));
            Set<String> blockers = new LinkedHashSet<>();
            reshapedTables.forEach(t -> blockers.add(t.name()));
            droppedViews.forEach(v -> blockers.add(v.name()));
            boolean more = true;
            while (more) {
                more = false;
                for (Map.Entry<QualifiedName, Set<String>> entry : reads.entrySet()) {
                    QualifiedName name = entry.getKey();
                    if (!droppedViews.contains(name) && entry.getValue().stream().anyMatch(blockers::contains)) {
                        droppedViews.add(name);
                        blockers.add(name.name());
                        to.schema(name.schema()).flatMap(s -> s.view(name.name()))
                                .ifPresent(v -> createdViews.putIfAbsent(name, v));
                        more = true;
                    }
                }
            }
            // A view goes before the views it reads: the reverse of the order they could be created in.
            List<View> drops = new ArrayList<>(ViewOrder.forCreation(droppedViews.stream().map(current::get)
                    .filter(Objects::nonNull).toList()));
            Collections.reverse(drops);
            Set<QualifiedName> dropped = new LinkedHashSet<>();
            for (View view : drops) {
                dropped.add(view.qualifiedName());
                add(Phase.DROP_VIEW, view.qualifiedName().toString(), "DROP VIEW " + quote(view.qualifiedName()));
            }
            for (QualifiedName name : droppedViews) { // dropped views the catalog does not show (none expected)
                if (!dropped.contains(name)) {
                    add(Phase.DROP_VIEW, name.toString(), "DROP VIEW " + quote(name));
                }
            }
        }

        /** Views in dependency order: one that reads another new view after it. */
        private void createViews() {
            for (View next : ViewOrder.forCreation(createdViews.values())) {
                add(Phase.CREATE_VIEW, next.qualifiedName().toString(), "CREATE VIEW " + quote(next.qualifiedName())
                        + " AS\n" + next.definition());
                unplannedTriggers(next.qualifiedName(), next.triggers());
            }
        }

        private static String truncate(String name) {
            return name.length() <= 63 ? name : name.substring(0, 63);
        }
    }
}
