package io.schemagate.core.lock;

import io.schemagate.core.schema.QualifiedName;
import java.util.Locale;

/**
 * A lock one statement took on one relation, as {@code pg_locks} showed it inside the statement's transaction: the
 * locks the session held after the statement and not before it.
 *
 * @param oid      the relation's identity, which outlives a rename (a dropped and re-created relation has a new one)
 * @param relation the relation locked, named as it was when the lock was read
 * @param kind     what the relation is
 * @param mode     the lock's mode (the strongest the statement added, when it added several)
 */
public record RelationLock(long oid, QualifiedName relation, Kind kind, LockMode mode) {

    /** What a locked relation is. */
    public enum Kind {
        TABLE, PARTITION, INDEX, SEQUENCE, VIEW, MATERIALIZED_VIEW;

        /** As reports print it, e.g. {@code materialized view}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
