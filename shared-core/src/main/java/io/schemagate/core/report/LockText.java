package io.schemagate.core.report;

import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.StatementLocks;
import java.util.List;

/**
 * How reports word an observed lock, so the text report and the Markdown comment say the same thing: which relation,
 * which mode, what it blocks in plain words, and for how long the transaction keeps holding it.
 */
final class LockText {
    private LockText() {
    }

    /** The locks reviewers weigh: a dangerous mode on a relation that existed before the file. */
    static List<HeldLock> risky(StatementLocks statement) {
        return statement.locks().stream().filter(HeldLock::risky).toList();
    }

    /** {@code public.orders (existing table, rewritten)} */
    static String relation(HeldLock held) {
        return held.lock().relation() + " (existing " + held.lock().kind().text() + (held.rewritten() ? ", rewritten" : "")
                + ")";
    }

    /** One line: {@code ACCESS EXCLUSIVE on public.orders (existing table): blocks reads and writes while …}. */
    static String line(HeldLock held) {
        return held.lock().mode().sqlName() + " on " + relation(held) + ": " + held.lock().mode().blocks().text() + " "
                + held.heldForText();
    }
}
