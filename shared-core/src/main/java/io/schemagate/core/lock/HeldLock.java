package io.schemagate.core.lock;

import java.time.Duration;
import java.util.List;

/**
 * A lock a statement took, with what a reviewer needs to weigh it: whether the relation was there before the file
 * (a new table blocks no one), whether the statement rewrote it, and how long the lock then stays held — locks last
 * until the transaction ends, so every later statement of the transaction runs while it is held.
 *
 * @param lock              the relation, its kind and the mode
 * @param preExisting       the relation existed before the file ran
 * @param rewritten         the statement wrote the relation anew (its storage file changed)
 * @param heldWhile         the first lines of the statements of the same transaction that run after it
 * @param heldFor           how long those took on the dev database
 */
public record HeldLock(RelationLock lock, boolean preExisting, boolean rewritten, List<Integer> heldWhile,
                       Duration heldFor) {
    public HeldLock {
        heldWhile = List.copyOf(heldWhile);
    }

    /** How many statements run while the lock is held after the one that took it. */
    public int heldForStatements() {
        return heldWhile.size();
    }

    /** A dangerous mode on a relation the application already uses. */
    public boolean risky() {
        return preExisting && lock.mode().dangerous();
    }

    /** In words: {@code while 3 more statements run (41 ms on the dev database)}, or {@code until … commits}. */
    public String heldForText() {
        int n = heldForStatements();
        return n == 0 ? "until its transaction commits" : "while " + n + " more statement" + (n == 1 ? " runs" : "s run")
                + " (" + heldFor.toMillis() + " ms on the dev database)";
    }
}
