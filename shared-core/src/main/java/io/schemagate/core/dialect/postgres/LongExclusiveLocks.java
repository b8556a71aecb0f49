package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.LockMode;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.lock.StatementLocks;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PG510, from the locks observed on the dev database: a statement takes ACCESS EXCLUSIVE on an existing table and
 * more statements run in the same transaction. The lock is held until the transaction commits, so every query on
 * the table waits for all of them, not only for the statement that needed the lock.
 */
public final class LongExclusiveLocks implements Analyzer {
    /** Lines listed in a message; the rest are counted. */
    private static final int LINES_SHOWN = 8;

    @Override
    public void analyze(Pass pass) {
        List<StatementLocks> timeline = pass.locks();
        for (int i = 0; i < timeline.size(); i++) {
            for (HeldLock held : timeline.get(i).locks()) {
                RelationLock lock = held.lock();
                // Partitions are locked with their parent: the parent's finding speaks for them.
                if (lock.mode() != LockMode.ACCESS_EXCLUSIVE || !held.preExisting() || held.heldWhile().isEmpty()
                        || lock.kind() != RelationLock.Kind.TABLE) {
                    continue;
                }
                pass.report(Rule.PG510, pass.statements().get(i).statement(), "ACCESS EXCLUSIVE on " + lock.relation()
                                + ", taken here, stays held while " + lines(held.heldWhile())
                                + (held.heldWhile().size() == 1 ? " runs (" : " run (")
                                + held.heldFor().toMillis() + " ms on the dev database): every query on "
                                + lock.relation() + " waits until the transaction commits",
                        new Fix("End the transaction after this statement: move what follows to a file of its own (or"
                                + " before it, when it does not need the lock).", null));
            }
        }
    }

    /** {@code line 4}, {@code lines 4, 5 and 9}, {@code lines 4, 5, … and 12 more}. */
    static String lines(List<Integer> lines) {
        if (lines.size() == 1) {
            return "line " + lines.get(0);
        }
        List<String> shown = lines.stream().limit(LINES_SHOWN).map(String::valueOf).collect(Collectors.toList());
        if (lines.size() > LINES_SHOWN) {
            return "lines " + String.join(", ", shown) + " and " + (lines.size() - LINES_SHOWN) + " more";
        }
        String last = shown.remove(shown.size() - 1);
        return "lines " + String.join(", ", shown) + " and " + last;
    }
}
