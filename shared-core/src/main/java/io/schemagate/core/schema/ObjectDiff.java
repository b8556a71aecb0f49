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

    /** @param before the schemas present in both states, and {@code after} the same ones after, pair by pair */
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
        List<Placed<T>> candidatesBefore = new ArrayList<>();
        List<Placed<T>> candidatesAfter = new ArrayList<>();
        for (int s = 0; s < before.size(); s++) {
            unshared(before.get(s), after.get(s), members, candidatesBefore, candidatesAfter);
        }
        Matching<Placed<T>> matching = Matching.byIdentity(candidatesBefore, candidatesAfter,
                p -> identity.of(p.item()));
        List<ChangeGroup> groups = new ArrayList<>();
        for (Placed<T> p : matching.dropped()) {
            groups.add(ChangeGroup.dropped(sortName.of(p.item()), drop.of(p.item())));
        }
        for (Matching.Pair<Placed<T>> pair : matching.pairs()) {
            T b = pair.before().item();
            T a = pair.after().item();
            if (b == a && pair.before().schema().equals(pair.after().schema())) {
                continue; // the same object, kept as it was
            }
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

    /**
     * The members of one schema, before and after, that may differ: an inspection that re-reads only part of a
     * catalog keeps the rest as the same objects (the same list, when nothing in the schema was read), so the common
     * run at each end, object for object, is left out; with a few changes among thousands of tables, what is compared
     * is those few.
     */
    private static <T> void unshared(Schema schemaBefore, Schema schemaAfter, Members<T> members,
                                     List<Placed<T>> before, List<Placed<T>> after) {
        List<T> b = members.of(schemaBefore);
        List<T> a = members.of(schemaAfter);
        if (b == a) {
            return;
        }
        int start = 0;
        int endBefore = b.size();
        int endAfter = a.size();
        while (start < endBefore && start < endAfter && b.get(start) == a.get(start)) {
            start++;
        }
        while (endBefore > start && endAfter > start && b.get(endBefore - 1) == a.get(endAfter - 1)) {
            endBefore--;
            endAfter--;
        }
        Object idBefore = SchemaDiff.identity(schemaBefore);
        Object idAfter = SchemaDiff.identity(schemaAfter);
        for (T item : b.subList(start, endBefore)) {
            before.add(new Placed<>(idBefore, item));
        }
        for (T item : a.subList(start, endAfter)) {
            after.add(new Placed<>(idAfter, item));
        }
    }
}
