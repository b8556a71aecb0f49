package io.schemagate.core.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Diffs one kind of schema-level object (tables, views, sequences, …) across the schemas present in both states.
 * An object is renamed when its name or its schema (by identity, so a schema rename does not rename its contents)
 * differs.
 */
final class ObjectDiff {

    /** An object with the identity of the schema holding it. */
    private record Placed<T>(Object schema, T item) {
    }

    @FunctionalInterface
    interface Members<T> {
        List<T> of(Schema schema);
    }

    @FunctionalInterface
    interface Name<T> {
        String of(T item);
    }

    @FunctionalInterface
    interface Single<T> {
        SchemaChange of(T item);
    }

    /** The changes of an object present on both sides; {@code renamed} says whether its name or schema changed. */
    @FunctionalInterface
    interface Kept<T> {
        List<SchemaChange> of(T before, T after, boolean renamed);
    }

    private final List<Schema> before;
    private final List<Schema> after;

    ObjectDiff(List<Schema> before, List<Schema> after) {
        this.before = before;
        this.after = after;
    }

    /**
     * @param identity  the object's identity (oid, or a name key when the dialect has none)
     * @param sortName  the qualified name that orders objects in the output
     * @param localName the name within the schema, compared to detect renames
     */
    <T> List<SchemaChange> diff(Members<T> members, Matching.Key<T> identity, Name<T> sortName, Name<T> localName,
            Single<T> add, Single<T> drop, Kept<T> kept) {
        Matching<Placed<T>> matching = Matching.byIdentity(placed(before, members), placed(after, members),
                p -> identity.of(p.item()));
        List<ChangeGroup> groups = new ArrayList<>();
        for (Placed<T> p : matching.dropped()) {
            groups.add(ChangeGroup.dropped(sortName.of(p.item()), drop.of(p.item())));
        }
        for (Matching.Pair<Placed<T>> pair : matching.pairs()) {
            T b = pair.before().item();
            T a = pair.after().item();
            boolean renamed = !pair.before().schema().equals(pair.after().schema())
                    || !localName.of(b).equals(localName.of(a));
            List<SchemaChange> changes = kept.of(b, a, renamed);
            if (!changes.isEmpty()) {
                groups.add(ChangeGroup.kept(sortName.of(a), changes));
            }
        }
        for (Placed<T> p : matching.added()) {
            groups.add(ChangeGroup.added(sortName.of(p.item()), add.of(p.item())));
        }
        return ChangeGroup.flatten(groups);
    }

    private static <T> List<Placed<T>> placed(List<Schema> schemas, Members<T> members) {
        List<Placed<T>> out = new ArrayList<>();
        for (Schema schema : schemas) {
            Object id = SchemaDiff.identity(schema);
            for (T item : members.of(schema)) {
                out.add(new Placed<>(id, item));
            }
        }
        return out;
    }
}
