package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;

/**
 * PG518, from the locks observed on the dev database: a statement that changes one table and locks another existing
 * table against writes too — the table a new foreign key references is the usual one. Reviewers look at the table
 * being altered and miss the other, whose users wait as long as the lock is held.
 */
public final class LocksOnOtherTables implements Analyzer {

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        List<StatementLocks> timeline = pass.locks();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            if (run.changes().isEmpty()) {
                continue; // LOCK TABLE, VACUUM FULL, REFRESH …: the locked table is the statement's own
            }
            for (HeldLock held : timeline.get(i).locks()) {
                RelationLock lock = held.lock();
                if (lock.kind() != RelationLock.Kind.TABLE || !held.risky() || changes(run, lock)) {
                    continue;
                }
                List<SchemaChange.AddForeignKey> keys = run.changes().stream()
                        .filter(SchemaChange.AddForeignKey.class::isInstance).map(SchemaChange.AddForeignKey.class::cast)
                        .toList();
                boolean foreignKey = !keys.isEmpty();
                boolean scans = keys.stream().anyMatch(k -> k.foreignKey().validated());
                if (!scans && held.heldForStatements() == 0) {
                    continue; // no scan, and the transaction ends with it: the lock is brief
                }
                pass.report(Rule.PG518, run.statement(), "this statement also takes " + lock.mode().sqlName()
                        + " on " + lock.relation() + ", an existing table it does not change: it "
                        + lock.mode().blocks().text() + " there " + held.heldForText(),
                        new Fix(foreignKey
                                ? "Add the foreign key NOT VALID, alone in its transaction (a brief lock on both tables),"
                                        + " then VALIDATE CONSTRAINT in a later one: validation lets writes to both"
                                        + " tables go on."
                                : "Keep the statement alone in its transaction, with a lock_timeout: " + lock.relation()
                                        + "'s users wait for as long as the lock is held.", null));
            }
        }
    }

    /** Whether one of the statement's changes is on the relation: the table itself or one of its members. */
    private static boolean changes(StatementRun run, RelationLock lock) {
        String table = lock.relation().toString();
        return run.changes().stream().map(SchemaChange::object)
                .anyMatch(object -> object.equals(table) || object.startsWith(table + "."));
    }
}
