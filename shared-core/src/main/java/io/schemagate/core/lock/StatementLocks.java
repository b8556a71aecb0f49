package io.schemagate.core.lock;

import java.time.Duration;
import java.util.List;

/**
 * The locks one statement of a new file took, as reports show them.
 *
 * @param line     the statement's first line
 * @param elapsed  how long it ran on the dev database
 * @param observed whether its locks could be read (only inside a transaction: see {@code Observation.Locks})
 * @param locks    by relation name
 */
public record StatementLocks(int line, Duration elapsed, boolean observed, List<HeldLock> locks) {
    public StatementLocks {
        locks = List.copyOf(locks);
    }
}
