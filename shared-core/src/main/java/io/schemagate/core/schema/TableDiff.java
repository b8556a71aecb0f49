package io.schemagate.core.schema;

import io.schemagate.core.schema.SchemaChange.AddCheck;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddForeignKey;
import io.schemagate.core.schema.SchemaChange.AddIndex;
import io.schemagate.core.schema.SchemaChange.AddPrimaryKey;
import io.schemagate.core.schema.SchemaChange.AddTrigger;
import io.schemagate.core.schema.SchemaChange.AddUnique;
import io.schemagate.core.schema.SchemaChange.DropCheck;
import io.schemagate.core.schema.SchemaChange.DropColumn;
import io.schemagate.core.schema.SchemaChange.DropForeignKey;
import io.schemagate.core.schema.SchemaChange.DropIndex;
import io.schemagate.core.schema.SchemaChange.DropPrimaryKey;
import io.schemagate.core.schema.SchemaChange.DropTrigger;
import io.schemagate.core.schema.SchemaChange.DropUnique;
import io.schemagate.core.schema.SchemaChange.ModifyColumn;
import io.schemagate.core.schema.SchemaChange.ModifyComment;
import io.schemagate.core.schema.SchemaChange.ModifyConstraint;
import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.ModifyTrigger;
import io.schemagate.core.schema.SchemaChange.RenameCheck;
import io.schemagate.core.schema.SchemaChange.RenameColumn;
import io.schemagate.core.schema.SchemaChange.RenameForeignKey;
import io.schemagate.core.schema.SchemaChange.RenameIndex;
import io.schemagate.core.schema.SchemaChange.RenamePrimaryKey;
import io.schemagate.core.schema.SchemaChange.RenameTrigger;
import io.schemagate.core.schema.SchemaChange.RenameUnique;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The changes to the members of one relation that exists before and after a statement: columns, constraints,
 * indexes, triggers — reported in that order, each kind ordered by position or name.
 */
final class TableDiff {

    private TableDiff() {
    }

    /** Creates the add or drop change of one member. */
    @FunctionalInterface
    private interface Single<T> {
        SchemaChange of(QualifiedName table, T member);
    }

    /** Creates the rename change of one member. */
    @FunctionalInterface
    private interface Renamed<T> {
        SchemaChange of(QualifiedName table, T before, T after);
    }

    static List<SchemaChange> members(QualifiedName table, Table before, Table after) {
        List<SchemaChange> out = new ArrayList<>(columns(table, before.columns(), after.columns()));
        out.addAll(constraints(table, optional(before.primaryKey()), optional(after.primaryKey()),
                AddPrimaryKey::new, DropPrimaryKey::new, RenamePrimaryKey::new));
        out.addAll(constraints(table, before.uniques(), after.uniques(),
                AddUnique::new, DropUnique::new, RenameUnique::new));
        out.addAll(constraints(table, before.foreignKeys(), after.foreignKeys(),
                AddForeignKey::new, DropForeignKey::new, RenameForeignKey::new));
        out.addAll(constraints(table, before.checks(), after.checks(),
                AddCheck::new, DropCheck::new, RenameCheck::new));
        out.addAll(indexes(table, before.indexes(), after.indexes()));
        out.addAll(triggers(table, before.triggers(), after.triggers()));
        return out;
    }

    /** Columns by attnum: a rename keeps the attnum, a drop and re-add under the same name does not. */
    static List<SchemaChange> columns(QualifiedName table, List<Column> before, List<Column> after) {
        record Positioned(int attnum, String name, int rank, List<SchemaChange> changes) {
        }
        Matching<Column> matching = Matching.byIdentity(before, after,
                c -> c.attnum() != 0 ? (Object) c.attnum() : "name:" + c.name());
        List<Positioned> entries = new ArrayList<>();
        for (Column c : matching.dropped()) {
            entries.add(new Positioned(c.attnum(), c.name(), ChangeGroup.DROP, List.of(new DropColumn(table, c))));
        }
        for (Matching.Pair<Column> pair : matching.pairs()) {
            Column b = pair.before();
            Column a = pair.after();
            List<SchemaChange> changes = new ArrayList<>();
            if (!b.name().equals(a.name())) {
                changes.add(new RenameColumn(table, b, a));
            }
            if (modified(b, a)) {
                changes.add(new ModifyColumn(table, b, a));
            }
            if (!Objects.equals(b.comment(), a.comment())) {
                changes.add(new ModifyComment(table, a.name(), b.comment(), a.comment()));
            }
            entries.add(new Positioned(a.attnum(), a.name(), ChangeGroup.KEEP, changes));
        }
        for (Column c : matching.added()) {
            entries.add(new Positioned(c.attnum(), c.name(), ChangeGroup.ADD, List.of(new AddColumn(table, c))));
        }
        entries.sort(Comparator.comparingInt(Positioned::attnum).thenComparing(Positioned::name)
                .thenComparingInt(Positioned::rank));
        return entries.stream().flatMap(e -> e.changes().stream()).toList();
    }

    private static boolean modified(Column before, Column after) {
        return !before.type().equals(after.type())
                || before.notNull() != after.notNull()
                || !Objects.equals(before.defaultExpression(), after.defaultExpression())
                || before.identity() != after.identity()
                || before.generated() != after.generated()
                || !Objects.equals(before.generationExpression(), after.generationExpression())
                || !Objects.equals(before.collation(), after.collation())
                || !Objects.equals(before.onUpdate(), after.onUpdate());
    }

    /**
     * Constraints of one kind. A constraint re-created by the statement with the same name and definition (ALTER
     * COLUMN TYPE does that to the constraints on the column) is the same constraint.
     */
    private static <C extends Constraint> List<SchemaChange> constraints(QualifiedName table, List<C> before,
            List<C> after, Single<C> add, Single<C> drop, Renamed<C> rename) {
        Matching<C> matching = Matching.of(before, after,
                c -> Matching.identity(c.oid(), c.name() + "\0" + c.definition()),
                c -> c.name() + "\0" + c.definition());
        List<ChangeGroup> groups = new ArrayList<>();
        for (C c : matching.dropped()) {
            groups.add(ChangeGroup.dropped(c.name(), drop.of(table, c)));
        }
        for (Matching.Pair<C> pair : matching.pairs()) {
            C b = pair.before();
            C a = pair.after();
            List<SchemaChange> changes = new ArrayList<>();
            if (!b.name().equals(a.name())) {
                changes.add(rename.of(table, b, a));
            }
            if (modified(b, a)) {
                changes.add(new ModifyConstraint(table, b, a));
            }
            groups.add(ChangeGroup.kept(a.name(), changes));
        }
        for (C c : matching.added()) {
            groups.add(ChangeGroup.added(c.name(), add.of(table, c)));
        }
        return ChangeGroup.flatten(groups);
    }

    /**
     * What can change in place. The definition text is not compared: it names columns and tables, so a rename
     * elsewhere would show up as a change here.
     */
    private static boolean modified(Constraint before, Constraint after) {
        if (before.validated() != after.validated()) {
            return true;
        }
        if (before instanceof ForeignKey b && after instanceof ForeignKey a) {
            return b.deferrable() != a.deferrable() || b.initiallyDeferred() != a.initiallyDeferred()
                    || b.enforced() != a.enforced() || b.onDelete() != a.onDelete() || b.onUpdate() != a.onUpdate();
        }
        if (before instanceof UniqueConstraint b && after instanceof UniqueConstraint a) {
            return b.deferrable() != a.deferrable();
        }
        if (before instanceof Check b && after instanceof Check a) {
            return b.enforced() != a.enforced() || b.noInherit() != a.noInherit();
        }
        return false;
    }

    /**
     * Indexes. One behind a primary key or unique constraint is reported through the constraint (add, drop, rename),
     * so only its rebuilds show here; an index re-created by the statement with the same name and definition is the
     * same index, rebuilt.
     */
    static List<SchemaChange> indexes(QualifiedName table, List<Index> before, List<Index> after) {
        Matching<Index> matching = Matching.of(before, after,
                i -> Matching.identity(i.oid(), i.name() + "\0" + i.definition()),
                i -> i.name() + "\0" + i.definition());
        List<ChangeGroup> groups = new ArrayList<>();
        for (Index i : matching.dropped()) {
            if (i.constraint() == null) {
                groups.add(ChangeGroup.dropped(i.name(), new DropIndex(table, i)));
            }
        }
        for (Matching.Pair<Index> pair : matching.pairs()) {
            Index b = pair.before();
            Index a = pair.after();
            List<SchemaChange> changes = new ArrayList<>();
            if (!b.name().equals(a.name()) && b.constraint() == null && a.constraint() == null) {
                changes.add(new RenameIndex(table, b, a));
            }
            if (b.relfilenode() != a.relfilenode() || b.valid() != a.valid()) {
                changes.add(new ModifyIndex(table, b, a));
            }
            groups.add(ChangeGroup.kept(a.name(), changes));
        }
        for (Index i : matching.added()) {
            if (i.constraint() == null) {
                groups.add(ChangeGroup.added(i.name(), new AddIndex(table, i)));
            }
        }
        return ChangeGroup.flatten(groups);
    }

    static List<SchemaChange> triggers(QualifiedName table, List<Trigger> before, List<Trigger> after) {
        Matching<Trigger> matching = Matching.byIdentity(before, after,
                t -> Matching.identity(t.oid(), t.name() + "\0" + t.definition()));
        List<ChangeGroup> groups = new ArrayList<>();
        for (Trigger t : matching.dropped()) {
            groups.add(ChangeGroup.dropped(t.name(), new DropTrigger(table, t)));
        }
        for (Matching.Pair<Trigger> pair : matching.pairs()) {
            Trigger b = pair.before();
            Trigger a = pair.after();
            List<SchemaChange> changes = new ArrayList<>();
            if (!b.name().equals(a.name())) {
                changes.add(new RenameTrigger(table, b, a));
            }
            boolean redefined = b.fingerprint() != null && a.fingerprint() != null
                    ? !b.fingerprint().equals(a.fingerprint())
                    : !b.definition().equals(a.definition());
            if (redefined || b.enabled() != a.enabled()) {
                changes.add(new ModifyTrigger(table, b, a));
            }
            groups.add(ChangeGroup.kept(a.name(), changes));
        }
        for (Trigger t : matching.added()) {
            groups.add(ChangeGroup.added(t.name(), new AddTrigger(table, t)));
        }
        return ChangeGroup.flatten(groups);
    }

    private static <T> List<T> optional(T item) {
        return item == null ? List.of() : List.of(item);
    }
}
