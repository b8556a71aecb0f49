package io.schemagate.core.replay;

import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.migrate.Section;
import io.schemagate.core.migrate.TxMode;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The locks of a replayed file over time: for each statement, the locks it took (where they could be observed) and
 * how long each then stays held — until its transaction ends, that is while the rest of the transaction's statements
 * run.
 */
public final class LockTimeline {
    private LockTimeline() {
    }

    public static List<StatementLocks> of(FileRun run) {
        Map<Statement, Section> sections = new IdentityHashMap<>();
        for (Section section : run.script().sections()) {
            section.statements().forEach(s -> sections.put(s, section));
        }
        List<StatementRun> runs = run.statements();
        List<StatementLocks> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun statement = runs.get(i);
            List<Observation.Locks> observed = statement.observed(Observation.Locks.class);
            Section section = sections.get(statement.statement());
            List<Integer> later = new ArrayList<>();
            Duration laterTime = Duration.ZERO;
            if (section != null && section.txMode() == TxMode.FILE) {
                for (int j = i + 1; j < runs.size() && sections.get(runs.get(j).statement()) == section; j++) {
                    later.add(runs.get(j).statement().position().line());
                    laterTime = laterTime.plus(runs.get(j).elapsed());
                }
            }
            List<HeldLock> locks = new ArrayList<>();
            for (Observation.Locks taken : observed) {
                for (RelationLock lock : taken.taken()) {
                    locks.add(new HeldLock(lock, existed(run.before(), lock), rewritten(statement, lock), later,
                            laterTime));
                }
            }
            out.add(new StatementLocks(statement.statement().position().line(), statement.elapsed(),
                    !observed.isEmpty(), locks));
        }
        return out;
    }

    /** Whether the relation was in the schema before the file ran. */
    static boolean existed(Catalog before, RelationLock lock) {
        QualifiedName name = lock.relation();
        return before.schema(name.schema()).map(schema -> switch (lock.kind()) {
            case TABLE, PARTITION -> schema.table(name.name()).isPresent();
            case INDEX -> schema.tables().stream().anyMatch(t -> t.index(name.name()).isPresent())
                    || schema.materializedViews().stream().anyMatch(v -> v.indexes().stream()
                            .anyMatch(i -> i.name().equals(name.name())));
            case SEQUENCE -> schema.sequences().stream().anyMatch(q -> q.name().equals(name.name()));
            case VIEW -> schema.view(name.name()).isPresent();
            case MATERIALIZED_VIEW -> schema.materializedViews().stream().anyMatch(v -> v.name().equals(name.name()));
        }).orElse(false);
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
