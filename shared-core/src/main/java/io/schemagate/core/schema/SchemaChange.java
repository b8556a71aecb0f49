package io.schemagate.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * One schema change made by one statement: the closed set analyzers switch over and reports list.
 *
 * <p>Conventions:
 * <ul>
 *   <li>{@link #kind()} is the record's name in snake_case ({@code AddColumn} → {@code add_column}); reports
 *       print it, so renaming a record is a breaking change of the JSON report.</li>
 *   <li>{@link #object()} is the qualified name of the object changed, unquoted: {@code schema},
 *       {@code schema.table}, {@code schema.table.column} (also for indexes, constraints and triggers),
 *       {@code schema.function(arguments)}. A rename names the object as it was before.</li>
 *   <li>Added and dropped containers carry their contents: {@link AddTable} holds the new table with its columns,
 *       indexes and constraints, and no separate {@link AddColumn} is reported for them; {@link DropSchema} likewise
 *       stands for everything in the schema.</li>
 *   <li>Moving an object to another schema ({@code ALTER … SET SCHEMA}) is a rename whose {@code before} and
 *       {@code after} differ in schema.</li>
 *   <li>Member changes (columns, indexes, constraints, triggers) name their table (or view, materialized view) as it is
 *       after the statement.</li>
 * </ul>
 */
public sealed interface SchemaChange {

    /** The change's kind in snake_case, e.g. {@code add_column}, {@code rename_table}, {@code modify_column}. */
    default String kind() {
        return snakeCase(getClass().getSimpleName());
    }

    /** The qualified name of the changed object, e.g. {@code public.users.email}. */
    String object();

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- schemas ----------------------------------------------------------------------------------------------------

    /** The schema with everything created in it by the same statement. */
    record AddSchema(Schema schema) implements SchemaChange {
        public String object() {
            return schema.name();
        }
    }

    /** The schema as it was, with everything dropped along with it. */
    record DropSchema(Schema schema) implements SchemaChange {
        public String object() {
            return schema.name();
        }
    }

    record RenameSchema(Schema before, Schema after) implements SchemaChange {
        public String object() {
            return before.name();
        }
    }

    // ---- tables -----------------------------------------------------------------------------------------------------

    record AddTable(Table table) implements SchemaChange {
        public String object() {
            return table.qualifiedName().toString();
        }
    }

    record DropTable(Table table) implements SchemaChange {
        public String object() {
            return table.qualifiedName().toString();
        }
    }

    /** Also a move to another schema ({@link #moved()}). */
    record RenameTable(Table before, Table after) implements SchemaChange {
        public String object() {
            return before.qualifiedName().toString();
        }

        public boolean moved() {
            return !before.schema().equals(after.schema());
        }
    }

    /**
     * A table-level property changed: its storage (rewrite), persistence, partition key, partition membership
     * (ATTACH / DETACH PARTITION, on the partition), or options (SQLite's STRICT, WITHOUT ROWID, AUTOINCREMENT). Column, constraint and index changes are reported separately.
     */
    record ModifyTable(Table before, Table after) implements SchemaChange {
        public String object() {
            return after.qualifiedName().toString();
        }

        /** The table's data was written anew (ALTER COLUMN TYPE, VACUUM FULL, CLUSTER, SET LOGGED, …). */
        public boolean rewritten() {
            return before.relfilenode() != after.relfilenode();
        }

        public boolean attached() {
            return before.partitionOf() == null && after.partitionOf() != null;
        }

        public boolean detached() {
            return before.partitionOf() != null && after.partitionOf() == null;
        }

        public boolean persistenceChanged() {
            return before.unlogged() != after.unlogged();
        }

        public boolean partitionKeyChanged() {
            return !Objects.equals(before.partitionKey(), after.partitionKey());
        }
    }

    // ---- columns ----------------------------------------------------------------------------------------------------

    record AddColumn(QualifiedName table, Column column) implements SchemaChange {
        public String object() {
            return table.member(column.name());
        }
    }

    record DropColumn(QualifiedName table, Column column) implements SchemaChange {
        public String object() {
            return table.member(column.name());
        }
    }

    record RenameColumn(QualifiedName table, Column before, Column after) implements SchemaChange {
        public String object() {
            return table.member(before.name());
        }
    }

    /** Type, nullability, default, identity, generation, collation or ON UPDATE changed. */
    record ModifyColumn(QualifiedName table, Column before, Column after) implements SchemaChange {
        public String object() {
            return table.member(after.name());
        }

        public boolean typeChanged() {
            return !before.type().equals(after.type());
        }

        public boolean nullabilityChanged() {
            return before.notNull() != after.notNull();
        }

        /** NULL → NOT NULL. */
        public boolean setNotNull() {
            return !before.notNull() && after.notNull();
        }

        /** NOT NULL → NULL. */
        public boolean dropNotNull() {
            return before.notNull() && !after.notNull();
        }

        public boolean defaultChanged() {
            return !Objects.equals(before.defaultExpression(), after.defaultExpression());
        }

        public boolean identityChanged() {
            return before.identity() != after.identity();
        }

        public boolean generatedChanged() {
            return before.generated() != after.generated()
                    || !Objects.equals(before.generationExpression(), after.generationExpression());
        }

        public boolean collationChanged() {
            return !Objects.equals(before.collation(), after.collation());
        }
    }

    /**
     * The comment on a table or one of its columns was set, changed or removed ({@code COMMENT ON}, MySQL's
     * {@code COMMENT}). Metadata only: no data is read or rewritten.
     *
     * @param column the column, or null for the table's own comment
     * @param before null when there was none
     * @param after  null when it was removed
     */
    record ModifyComment(QualifiedName table, String column, String before, String after) implements SchemaChange {
        public String object() {
            return column == null ? table.toString() : table.member(column);
        }
    }

    // ---- indexes ----------------------------------------------------------------------------------------------------

    /** An index of its own; indexes behind a new primary key or unique constraint come with that constraint. */
    record AddIndex(QualifiedName table, Index index) implements SchemaChange {
        public String object() {
            return table.member(index.name());
        }
    }

    record DropIndex(QualifiedName table, Index index) implements SchemaChange {
        public String object() {
            return table.member(index.name());
        }
    }

    record RenameIndex(QualifiedName table, Index before, Index after) implements SchemaChange {
        public String object() {
            return table.member(before.name());
        }
    }

    /**
     * The same index (by identity, or re-created under the same name with the same definition by the statement, as
     * ALTER COLUMN TYPE does) was rebuilt or changed validity.
     */
    record ModifyIndex(QualifiedName table, Index before, Index after) implements SchemaChange {
        public String object() {
            return table.member(after.name());
        }

        /** The index was written anew (table rewrite, REINDEX, re-creation). */
        public boolean rewritten() {
            return before.relfilenode() != after.relfilenode();
        }

        /** The statement dropped and re-created it with the same definition (e.g. ALTER COLUMN TYPE). */
        public boolean recreated() {
            return before.oid() != after.oid();
        }

        /** Invalid → valid (e.g. REINDEX of an index left by a failed CREATE INDEX CONCURRENTLY). */
        public boolean validated() {
            return !before.valid() && after.valid();
        }
    }

    // ---- primary keys -----------------------------------------------------------------------------------------------

    record AddPrimaryKey(QualifiedName table, PrimaryKey primaryKey) implements SchemaChange {
        public String object() {
            return table.member(primaryKey.name());
        }
    }

    record DropPrimaryKey(QualifiedName table, PrimaryKey primaryKey) implements SchemaChange {
        public String object() {
            return table.member(primaryKey.name());
        }
    }

    record RenamePrimaryKey(QualifiedName table, PrimaryKey before, PrimaryKey after) implements SchemaChange {
        public String object() {
            return table.member(before.name());
        }
    }

    // ---- unique constraints -----------------------------------------------------------------------------------------

    record AddUnique(QualifiedName table, UniqueConstraint unique) implements SchemaChange {
        public String object() {
            return table.member(unique.name());
        }
    }

    record DropUnique(QualifiedName table, UniqueConstraint unique) implements SchemaChange {
        public String object() {
            return table.member(unique.name());
        }
    }

    record RenameUnique(QualifiedName table, UniqueConstraint before, UniqueConstraint after)
            implements SchemaChange {
        public String object() {
            return table.member(before.name());
        }
    }

    // ---- foreign keys -----------------------------------------------------------------------------------------------

    record AddForeignKey(QualifiedName table, ForeignKey foreignKey) implements SchemaChange {
        public String object() {
            return table.member(foreignKey.name());
        }
    }

    record DropForeignKey(QualifiedName table, ForeignKey foreignKey) implements SchemaChange {
        public String object() {
            return table.member(foreignKey.name());
        }
    }

    record RenameForeignKey(QualifiedName table, ForeignKey before, ForeignKey after) implements SchemaChange {
        public String object() {
            return table.member(before.name());
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------------------

    record AddCheck(QualifiedName table, Check check) implements SchemaChange {
        public String object() {
            return table.member(check.name());
        }
    }

    record DropCheck(QualifiedName table, Check check) implements SchemaChange {
        public String object() {
            return table.member(check.name());
        }
    }

    record RenameCheck(QualifiedName table, Check before, Check after) implements SchemaChange {
        public String object() {
            return table.member(before.name());
        }
    }

    // ---- any constraint ---------------------------------------------------------------------------------------------

    /**
     * A constraint changed in place: validated ({@code VALIDATE CONSTRAINT}), deferrability or enforcement
     * ({@code ALTER CONSTRAINT}). {@code before} and {@code after} are of the same record type.
     */
    record ModifyConstraint(QualifiedName table, Constraint before, Constraint after) implements SchemaChange {
        public String object() {
            return table.member(after.name());
        }

        /** NOT VALID → validated. */
        public boolean validated() {
            return !before.validated() && after.validated();
        }
    }

    // ---- views ------------------------------------------------------------------------------------------------------

    record AddView(View view) implements SchemaChange {
        public String object() {
            return view.qualifiedName().toString();
        }
    }

    record DropView(View view) implements SchemaChange {
        public String object() {
            return view.qualifiedName().toString();
        }
    }

    record RenameView(View before, View after) implements SchemaChange {
        public String object() {
            return before.qualifiedName().toString();
        }
    }

    /** CREATE OR REPLACE VIEW changed the query (and possibly appended columns). */
    record ModifyView(View before, View after) implements SchemaChange {
        public String object() {
            return after.qualifiedName().toString();
        }
    }

    // ---- materialized views -----------------------------------------------------------------------------------------

    record AddMaterializedView(MaterializedView view) implements SchemaChange {
        public String object() {
            return view.qualifiedName().toString();
        }
    }

    record DropMaterializedView(MaterializedView view) implements SchemaChange {
        public String object() {
            return view.qualifiedName().toString();
        }
    }

    record RenameMaterializedView(MaterializedView before, MaterializedView after) implements SchemaChange {
        public String object() {
            return before.qualifiedName().toString();
        }
    }

    /** Refreshed (rewritten) or its populated state changed. */
    record ModifyMaterializedView(MaterializedView before, MaterializedView after) implements SchemaChange {
        public String object() {
            return after.qualifiedName().toString();
        }

        public boolean rewritten() {
            return before.relfilenode() != after.relfilenode();
        }
    }

    // ---- sequences --------------------------------------------------------------------------------------------------

    record AddSequence(Sequence sequence) implements SchemaChange {
        public String object() {
            return sequence.qualifiedName().toString();
        }
    }

    record DropSequence(Sequence sequence) implements SchemaChange {
        public String object() {
            return sequence.qualifiedName().toString();
        }
    }

    record RenameSequence(Sequence before, Sequence after) implements SchemaChange {
        public String object() {
            return before.qualifiedName().toString();
        }
    }

    /** Type, start, increment, bounds, cache or cycle changed. */
    record ModifySequence(Sequence before, Sequence after) implements SchemaChange {
        public String object() {
            return after.qualifiedName().toString();
        }
    }

    // ---- enum types -------------------------------------------------------------------------------------------------

    record AddEnum(EnumType type) implements SchemaChange {
        public String object() {
            return type.qualifiedName().toString();
        }
    }

    record DropEnum(EnumType type) implements SchemaChange {
        public String object() {
            return type.qualifiedName().toString();
        }
    }

    record RenameEnum(EnumType before, EnumType after) implements SchemaChange {
        public String object() {
            return before.qualifiedName().toString();
        }
    }

    /** Values added (ADD VALUE) or renamed (RENAME VALUE). */
    record ModifyEnum(EnumType before, EnumType after) implements SchemaChange {
        public String object() {
            return after.qualifiedName().toString();
        }

        /** Values of {@code after} that {@code before} lacks, in sort order. */
        public List<String> addedValues() {
            return after.values().stream().filter(v -> !before.values().contains(v)).toList();
        }

        /** Values of {@code before} that {@code after} lacks (renamed away). */
        public List<String> removedValues() {
            return before.values().stream().filter(v -> !after.values().contains(v)).toList();
        }
    }

    // ---- functions --------------------------------------------------------------------------------------------------

    record AddFunction(Function function) implements SchemaChange {
        public String object() {
            return function.schema() + "." + function.signature();
        }
    }

    record DropFunction(Function function) implements SchemaChange {
        public String object() {
            return function.schema() + "." + function.signature();
        }
    }

    record RenameFunction(Function before, Function after) implements SchemaChange {
        public String object() {
            return before.schema() + "." + before.signature();
        }
    }

    /** CREATE OR REPLACE changed the body, volatility or options. */
    record ModifyFunction(Function before, Function after) implements SchemaChange {
        public String object() {
            return after.schema() + "." + after.signature();
        }
    }

    // ---- triggers ---------------------------------------------------------------------------------------------------

    record AddTrigger(QualifiedName table, Trigger trigger) implements SchemaChange {
        public String object() {
            return table.member(trigger.name());
        }
    }

    record DropTrigger(QualifiedName table, Trigger trigger) implements SchemaChange {
        public String object() {
            return table.member(trigger.name());
        }
    }

    record RenameTrigger(QualifiedName table, Trigger before, Trigger after) implements SchemaChange {
        public String object() {
            return table.member(before.name());
        }
    }

    /** Enabled/disabled, or replaced (CREATE OR REPLACE TRIGGER) with another definition. */
    record ModifyTrigger(QualifiedName table, Trigger before, Trigger after) implements SchemaChange {
        public String object() {
            return table.member(after.name());
        }
    }
}
