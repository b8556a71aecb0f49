package io.schemagate.core.lock;

import io.schemagate.core.schema.QualifiedName;

/**
 * A lock one statement took on one relation, as {@code pg_locks} showed it inside the statement's transaction: the
 * locks the session held after the statement and not before it.
 *
 * @param relation the relation locked
 * @param kind     what the relation is
 * @param mode     the lock's mode (the strongest the statement added, when it added several)
 */
public record RelationLock(QualifiedName relation, Kind kind, LockMode mode) {

    /** What a locked relation is. */
    public enum Kind {
        TABLE, PARTITION, INDEX, SEQUENCE, VIEW, MATERIALIZED_VIEW;

        /** As reports print it, e.g. {@code materialized view}. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
