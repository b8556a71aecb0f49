package io.schemagate.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs the objects of two states of one container: first by identity (an oid, so renames pair up), then, among what
 * is left, by a re-creation key. The second step exists because some statements drop and re-create objects under the
 * same name as a side effect (PostgreSQL's ALTER COLUMN TYPE re-creates the indexes and constraints on the column);
 * reporting those as drop + add would read as if the user had done it.
 *
 * @param pairs   objects present in both states, in {@code before} order
 * @param dropped objects only in {@code before}
 * @param added   objects only in {@code after}
 */
record Matching<T>(List<Pair<T>> pairs, List<T> dropped, List<T> added) {

    /** The same object before and after. */
    record Pair<T>(T before, T after) {
    }

    /** Extracts a map key from an object. */
    @FunctionalInterface
    interface Key<T> {
        Object of(T item);
    }

    /** Identity only: an object dropped and re-created is a drop and an add. */
    static <T> Matching<T> byIdentity(List<T> before, List<T> after, Key<T> identity) {
        return of(before, after, identity, null);
    }

    /**
     * @param recreated key of an object that a statement may have re-created with the same definition; null to pair
     *                  by identity only
     */
    static <T> Matching<T> of(List<T> before, List<T> after, Key<T> identity, Key<T> recreated) {
        Map<Object, T> unmatchedAfter = new LinkedHashMap<>();
        for (T item : after) {
            unmatchedAfter.put(identity.of(item), item);
        }
        List<Pair<T>> pairs = new ArrayList<>();
        List<T> unmatchedBefore = new ArrayList<>();
        for (T item : before) {
            T other = unmatchedAfter.remove(identity.of(item));
            if (other != null) {
                pairs.add(new Pair<>(item, other));
            } else {
                unmatchedBefore.add(item);
            }
        }
        if (recreated == null || unmatchedBefore.isEmpty() || unmatchedAfter.isEmpty()) {
            return new Matching<>(pairs, unmatchedBefore, List.copyOf(unmatchedAfter.values()));
        }
        Map<Object, T> byKey = new HashMap<>();
        for (T item : unmatchedAfter.values()) {
            byKey.putIfAbsent(recreated.of(item), item);
        }
        List<T> dropped = new ArrayList<>();
        Set<T> reused = Collections.newSetFromMap(new IdentityHashMap<>());
        for (T item : unmatchedBefore) {
            T other = byKey.remove(recreated.of(item));
            if (other != null) {
                pairs.add(new Pair<>(item, other));
                reused.add(other);
            } else {
                dropped.add(item);
            }
        }
        List<T> added = unmatchedAfter.values().stream().filter(item -> !reused.contains(item)).toList();
        return new Matching<>(pairs, dropped, added);
    }

    /** An oid when the dialect has one, else a name-based key; {@code 0} means "no oid". */
    static Object identity(long oid, String name) {
        return oid != 0 ? (Object) oid : "name:" + name;
    }
}
