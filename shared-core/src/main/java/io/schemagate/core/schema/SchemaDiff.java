package io.schemagate.core.schema;

import io.schemagate.core.schema.SchemaChange.AddEnum;
import io.schemagate.core.schema.SchemaChange.AddFunction;
import io.schemagate.core.schema.SchemaChange.AddMaterializedView;
import io.schemagate.core.schema.SchemaChange.AddSchema;
import io.schemagate.core.schema.SchemaChange.AddSequence;
import io.schemagate.core.schema.SchemaChange.AddTable;
import io.schemagate.core.schema.SchemaChange.AddView;
import io.schemagate.core.schema.SchemaChange.DropEnum;
import io.schemagate.core.schema.SchemaChange.DropFunction;
import io.schemagate.core.schema.SchemaChange.DropMaterializedView;
import io.schemagate.core.schema.SchemaChange.DropSchema;
import io.schemagate.core.schema.SchemaChange.DropSequence;
import io.schemagate.core.schema.SchemaChange.DropTable;
import io.schemagate.core.schema.SchemaChange.DropView;
import io.schemagate.core.schema.SchemaChange.ModifyEnum;
import io.schemagate.core.schema.SchemaChange.ModifyFunction;
import io.schemagate.core.schema.SchemaChange.ModifyMaterializedView;
import io.schemagate.core.schema.SchemaChange.ModifySequence;
import io.schemagate.core.schema.SchemaChange.ModifyComment;
import io.schemagate.core.schema.SchemaChange.ModifyTable;
import io.schemagate.core.schema.SchemaChange.ModifyView;
import io.schemagate.core.schema.SchemaChange.RenameEnum;
import io.schemagate.core.schema.SchemaChange.RenameFunction;
import io.schemagate.core.schema.SchemaChange.RenameMaterializedView;
import io.schemagate.core.schema.SchemaChange.RenameSchema;
import io.schemagate.core.schema.SchemaChange.RenameSequence;
import io.schemagate.core.schema.SchemaChange.RenameTable;
import io.schemagate.core.schema.SchemaChange.RenameView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes between two inspections of the same database, typically before and after one statement.
 *
 * <p>Objects are matched by identity (PostgreSQL oids, columns by attnum), so a rename is a rename and a drop
 * followed by a re-creation under the same name is a drop and an add. Dialects without oids (0) are matched by name.
 *
 * <p>Order, stable for the same input: schemas, then enum types, sequences, functions, tables (each followed by its
 * columns, constraints, indexes and triggers), views, materialized views; within each kind by qualified name, a drop
 * before an add of the same name.
 */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    public static List<SchemaChange> diff(Catalog before, Catalog after) {
        Matching<Schema> schemas = Matching.byIdentity(before.schemas(), after.schemas(), SchemaDiff::identity);
        List<SchemaChange> out = new ArrayList<>(schemaChanges(schemas));

        // What is in a dropped or added schema is part of that change; only schemas on both sides are looked into.
        List<Schema> keptBefore = schemas.pairs().stream().map(Matching.Pair::before).toList();
        List<Schema> keptAfter = schemas.pairs().stream().map(Matching.Pair::after).toList();
        ObjectDiff d = new ObjectDiff(keptBefore, keptAfter);
        out.addAll(d.diff(Schema::enums, e -> Matching.identity(e.oid(), e.qualifiedName().toString()),
                e -> e.qualifiedName().toString(), EnumType::name, AddEnum::new, DropEnum::new,
                (b, a, renamed) -> modifiedOrRenamed(renamed ? new RenameEnum(b, a) : null,
                        b.values().equals(a.values()) ? null : new ModifyEnum(b, a))));
        out.addAll(d.diff(Schema::sequences, s -> Matching.identity(s.oid(), s.qualifiedName().toString()),
                s -> s.qualifiedName().toString(), Sequence::name, AddSequence::new, DropSequence::new,
                (b, a, renamed) -> modifiedOrRenamed(renamed ? new RenameSequence(b, a) : null,
                        modified(b, a) ? new ModifySequence(b, a) : null)));
        out.addAll(d.diff(Schema::functions, f -> Matching.identity(f.oid(), f.schema() + "." + f.signature()),
                f -> f.schema() + "." + f.signature(), Function::name, AddFunction::new, DropFunction::new,
                (b, a, renamed) -> modifiedOrRenamed(renamed ? new RenameFunction(b, a) : null,
                        modified(b, a) ? new ModifyFunction(b, a) : null)));
        out.addAll(d.diff(Schema::tables, t -> Matching.identity(t.oid(), t.qualifiedName().toString()),
                t -> t.qualifiedName().toString(), Table::name, AddTable::new, DropTable::new,
                SchemaDiff::keptTable));
        out.addAll(d.diff(Schema::views, v -> Matching.identity(v.oid(), v.qualifiedName().toString()),
                v -> v.qualifiedName().toString(), View::name, AddView::new, DropView::new,
                SchemaDiff::keptView));
        out.addAll(d.diff(Schema::materializedViews, v -> Matching.identity(v.oid(), v.qualifiedName().toString()),
                v -> v.qualifiedName().toString(), MaterializedView::name, AddMaterializedView::new,
                DropMaterializedView::new, SchemaDiff::keptMaterializedView));
        return List.copyOf(out);
    }

    private static List<SchemaChange> schemaChanges(Matching<Schema> schemas) {
        List<ChangeGroup> groups = new ArrayList<>();
        for (Schema s : schemas.dropped()) {
            groups.add(ChangeGroup.dropped(s.name(), new DropSchema(s)));
        }
        for (Matching.Pair<Schema> pair : schemas.pairs()) {
            if (!pair.before().name().equals(pair.after().name())) {
                groups.add(ChangeGroup.kept(pair.after().name(),
                        List.of(new RenameSchema(pair.before(), pair.after()))));
            }
        }
        for (Schema s : schemas.added()) {
            groups.add(ChangeGroup.added(s.name(), new AddSchema(s)));
        }
        return ChangeGroup.flatten(groups);
    }

    static Object identity(Schema schema) {
        return Matching.identity(schema.oid(), schema.name());
    }

    private static List<SchemaChange> keptTable(Table before, Table after, boolean renamed) {
        List<SchemaChange> out = new ArrayList<>();
        if (renamed) {
            out.add(new RenameTable(before, after));
        }
        if (modified(before, after)) {
            out.add(new ModifyTable(before, after));
        }
        if (!Objects.equals(before.comment(), after.comment())) {
            out.add(new ModifyComment(after.qualifiedName(), null, before.comment(), after.comment()));
        }
        out.addAll(TableDiff.members(after.qualifiedName(), before, after));
        return out;
    }

    private static List<SchemaChange> keptView(View before, View after, boolean renamed) {
        List<SchemaChange> out = new ArrayList<>();
        if (renamed) {
            out.add(new RenameView(before, after));
        }
        boolean redefined = before.fingerprint() != null && after.fingerprint() != null
                ? !before.fingerprint().equals(after.fingerprint())
                : !before.definition().equals(after.definition());
        if (redefined || !sameShape(before.columns(), after.columns())) {
            out.add(new ModifyView(before, after));
        }
        out.addAll(TableDiff.triggers(after.qualifiedName(), before.triggers(), after.triggers()));
        return out;
    }

    private static List<SchemaChange> keptMaterializedView(MaterializedView before, MaterializedView after,
            boolean renamed) {
        List<SchemaChange> out = new ArrayList<>();
        if (renamed) {
            out.add(new RenameMaterializedView(before, after));
        }
        if (before.relfilenode() != after.relfilenode() || before.populated() != after.populated()) {
            out.add(new ModifyMaterializedView(before, after));
        }
        out.addAll(TableDiff.indexes(after.qualifiedName(), before.indexes(), after.indexes()));
        return out;
    }

    /**
     * Table-level properties that change in place. The partition parent is compared by identity, so renaming a
     * parent does not modify its partitions.
     */
    private static boolean modified(Table before, Table after) {
        return before.relfilenode() != after.relfilenode()
                || before.kind() != after.kind()
                || before.unlogged() != after.unlogged()
                || !Objects.equals(before.partitionKey(), after.partitionKey())
                || !samePartition(before.partitionOf(), after.partitionOf())
                || !before.options().equals(after.options());
    }

    private static boolean samePartition(Table.PartitionOf before, Table.PartitionOf after) {
        if (before == null || after == null) {
            return before == after;
        }
        boolean sameParent = before.parentOid() != 0 && after.parentOid() != 0
                ? before.parentOid() == after.parentOid()
                : before.parent().equals(after.parent());
        return sameParent && before.bound().equals(after.bound());
    }

    /** Sequence options; {@code ownedBy} names its table, so it is left out (see {@link Sequence}). */
    private static boolean modified(Sequence before, Sequence after) {
        return !before.type().equals(after.type()) || before.start() != after.start()
                || before.increment() != after.increment() || before.min() != after.min()
                || before.max() != after.max() || before.cache() != after.cache() || before.cycle() != after.cycle();
    }

    private static boolean modified(Function before, Function after) {
        return !Objects.equals(before.fingerprint(), after.fingerprint())
                || !Objects.equals(before.result(), after.result())
                || !Objects.equals(before.language(), after.language())
                || before.volatility() != after.volatility()
                || before.kind() != after.kind();
    }

    /** Same column names and types in the same order. */
    private static boolean sameShape(List<Column> before, List<Column> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).name().equals(after.get(i).name())
                    || !before.get(i).type().equals(after.get(i).type())) {
                return false;
            }
        }
        return true;
    }

    private static List<SchemaChange> modifiedOrRenamed(SchemaChange rename, SchemaChange modify) {
        List<SchemaChange> out = new ArrayList<>(2);
        if (rename != null) {
            out.add(rename);
        }
        if (modify != null) {
            out.add(modify);
        }
        return out;
    }
}
