package io.schemagate.core.replay;

import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.migrate.Section;
import io.schemagate.core.migrate.TxMode;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The locks of a replayed file over time: for each statement, the locks it took (where they could be observed) and
 * how long each then stays held — until its transaction ends (or a COMMIT or ROLLBACK TO in the file releases it),
 * that is while the rest of the transaction's statements run. A relation existed before the file when its oid did:
 * a rename keeps it, a drop and re-create does not.
 */
public final class LockTimeline {
    private LockTimeline() {
    }

    public static List<StatementLocks> of(FileRun run) {
        Map<Statement, Section> sections = new IdentityHashMap<>();
        for (Section section : run.script().sections()) {
            section.statements().forEach(s -> sections.put(s, section));
        }
        Set<Long> before = oids(run.before());
        List<StatementRun> runs = run.statements();
        List<StatementLocks> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun statement = runs.get(i);
            Section section = sections.get(statement.statement());
            boolean transaction = section != null && section.txMode() == TxMode.FILE;
            List<Observation.Locks> observed = statement.observed(Observation.Locks.class);
            List<HeldLock> locks = new ArrayList<>();
            for (Observation.Locks taken : observed) {
                for (RelationLock lock : taken.taken()) {
                    List<Integer> later = new ArrayList<>();
                    Duration laterTime = Duration.ZERO;
                    for (int j = i + 1; transaction && j < runs.size() && sections.get(runs.get(j).statement()) == section
                            && stillHeld(runs.get(j), lock); j++) {
                        later.add(runs.get(j).statement().position().line());
                        laterTime = laterTime.plus(runs.get(j).elapsed());
                    }
                    locks.add(new HeldLock(lock, before.contains(lock.oid()), rewritten(statement, lock), later,
                            laterTime));
                }
            }
            out.add(new StatementLocks(statement.statement().position().line(), statement.elapsed(),
                    !observed.isEmpty(), locks));
        }
        return out;
    }

    /** Whether the lock is still held after {@code later} ran: a COMMIT or ROLLBACK TO in the file releases it. */
    private static boolean stillHeld(StatementRun later, RelationLock lock) {
        return later.observed(Observation.Locks.class).stream().allMatch(o -> o.holds(lock));
    }

    /** The relations of the schema before the file, by oid: a rename keeps it, a drop and re-create does not. */
    private static Set<Long> oids(Catalog catalog) {
        Set<Long> oids = new HashSet<>();
        for (Schema schema : catalog.schemas()) {
            for (Table table : schema.tables()) {
                oids.add(table.oid());
                table.indexes().forEach(i -> oids.add(i.oid()));
            }
            schema.sequences().forEach(q -> oids.add(q.oid()));
            schema.views().forEach(v -> oids.add(v.oid()));
            schema.materializedViews().forEach(v -> {
                oids.add(v.oid());
                v.indexes().forEach(i -> oids.add(i.oid()));
            });
        }
        oids.remove(0L);
        return oids;
    }

    /** Whether the statement wrote the relation anew: its table's or index's storage file changed. */
    private static boolean rewritten(StatementRun statement, RelationLock lock) {
        QualifiedName name = lock.relation();
        for (SchemaChange change : statement.changes()) {
            if (change instanceof SchemaChange.ModifyTable t && t.rewritten()
                    && t.after().qualifiedName().equals(name)) {
                return true;
            }
            if (change instanceof SchemaChange.ModifyIndex x && x.before().relfilenode() != x.after().relfilenode()
                    && new QualifiedName(x.table().schema(), x.after().name()).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
