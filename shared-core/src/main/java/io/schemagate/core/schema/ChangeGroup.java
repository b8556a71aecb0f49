package io.schemagate.core.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The changes of one object, with what orders it among its siblings: reports list objects by name, and where a name
 * was dropped and added again, the drop first.
 *
 * @param name    the sort name (the object's name after the statement, or before for a drop)
 * @param rank    {@link #DROP}, {@link #KEEP} or {@link #ADD}: the order among objects of the same name
 * @param changes in the order they are reported
 */
record ChangeGroup(String name, int rank, List<SchemaChange> changes) {

    static final int DROP = 0;
    static final int KEEP = 1;
    static final int ADD = 2;

    private static final Comparator<ChangeGroup> ORDER = Comparator.comparing(ChangeGroup::name)
            .thenComparingInt(ChangeGroup::rank);

    static ChangeGroup dropped(String name, SchemaChange change) {
        return new ChangeGroup(name, DROP, List.of(change));
    }

    static ChangeGroup added(String name, SchemaChange change) {
        return new ChangeGroup(name, ADD, List.of(change));
    }

    static ChangeGroup kept(String name, List<SchemaChange> changes) {
        return new ChangeGroup(name, KEEP, changes);
    }

    /** The changes of all groups, ordered by name then rank (the sort is stable). */
    static List<SchemaChange> flatten(List<ChangeGroup> groups) {
        List<ChangeGroup> sorted = new ArrayList<>(groups);
        sorted.sort(ORDER);
        List<SchemaChange> out = new ArrayList<>();
        for (ChangeGroup group : sorted) {
            out.addAll(group.changes());
        }
        return out;
    }
}
