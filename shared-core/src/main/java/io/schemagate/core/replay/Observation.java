package io.schemagate.core.replay;

import io.schemagate.core.lock.RelationLock;
import java.util.List;

/**
 * A fact about a statement that the dev database showed beyond its schema changes, recorded by a dialect's
 * {@link StatementProbe} for the analyzers.
 */
public sealed interface Observation {

    /**
     * How MySQL or MariaDB would run an ALTER TABLE, found by re-trying it with each explicit {@code ALGORITHM} on an
     * empty copy of the table: the first the server accepts is the one it would choose.
     *
     * @param table     the altered table
     * @param algorithm {@code INSTANT}, {@code NOCOPY} (MariaDB: in place, no rebuild), {@code INPLACE} (in place;
     *                  on MariaDB a rebuild), or {@code COPY}
     * @param refusal   the server's reason for refusing the cheaper algorithms, empty for INSTANT
     * @param rebuild   the table is known to be rebuilt: COPY, or MariaDB's INPLACE after it refused NOCOPY (MySQL's
     *                  INPLACE may or may not rebuild)
     */
    record Algorithm(String table, String algorithm, String refusal, boolean rebuild) implements Observation {
    }

    /**
     * The relation locks a statement took, read from the server inside the statement's transaction (PostgreSQL's
     * {@code pg_locks}). Recorded only where they can be seen: a statement that runs outside a transaction releases
     * its locks before anyone can look.
     *
     * @param taken the locks the statement added, the strongest mode per relation
     * @param held  every lock the transaction holds after it (a COMMIT or ROLLBACK TO in the file releases some)
     */
    record Locks(List<RelationLock> taken, List<RelationLock> held) implements Observation {
        public Locks {
            taken = List.copyOf(taken);
            held = List.copyOf(held);
        }

        /** Whether the transaction still holds this lock (same relation, same mode). */
        public boolean holds(RelationLock lock) {
            return held.stream().anyMatch(h -> h.oid() == lock.oid() && h.mode() == lock.mode());
        }
    }
}
