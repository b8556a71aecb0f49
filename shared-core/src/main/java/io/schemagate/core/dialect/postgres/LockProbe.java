package io.schemagate.core.dialect.postgres;

import io.schemagate.core.lock.LockMode;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.replay.Observation;
import io.schemagate.core.replay.StatementProbe;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.MaterializedView;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.Sequence;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.View;
import io.schemagate.core.sql.Statement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * Which relation locks each statement takes, read from {@code pg_locks} for this session: the locks held just after
 * the statement and not just before it. Locks last until the transaction ends, so only a statement inside one can be
 * observed; one that runs on its own has released them when it returns.
 *
 * <p>The query runs under the inspection's pinned search path ({@link CatalogQuery#run}): a migration that puts its
 * own schema (and operators) ahead of {@code pg_catalog} cannot change what it reads. A relation the statement
 * dropped is gone from {@code pg_class} while its lock is still held: its name comes from the schema inspected before
 * the statement.
 */
final class LockProbe implements StatementProbe {

    /** One lock row: the relation's oid and the mode; name and kind when the relation still exists. */
    private record Held(long oid, LockMode mode, QualifiedName name, RelationLock.Kind kind) {
        String key() {
            return oid + " " + mode;
        }
    }

    private static final String SQL = """
            SELECT l.relation, l.mode, n.nspname, c.relname, c.relkind, c.relispartition
            FROM pg_catalog.pg_locks l
            LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation
            LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE l.locktype = 'relation' AND l.granted AND l.pid = pg_catalog.pg_backend_pid()
              AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d
                                WHERE d.datname = pg_catalog.current_database())
              AND (n.nspname IS NULL OR n.nspname NOT IN ('pg_catalog', 'information_schema')
                   AND n.nspname NOT LIKE 'pg\\_toast%')""";

    private Set<String> heldBefore = Set.of();
    private Catalog catalogBefore = Catalog.empty();
    /**
     * Relations whose locks the last statement of the transaction found without a catalog row: dropped by then, so the
     * schema inspected after it, the next statement's schema before, cannot have them either (they are not looked for).
     */
    private Set<Long> goneBefore = Set.of();
    private final SavedSearchPath path = new SavedSearchPath();

    @Override
    public List<Observation> before(Connection connection, Statement statement, Catalog before) throws SQLException {
        List<Held> now = read(connection);
        heldBefore = new HashSet<>(now.stream().map(Held::key).toList());
        catalogBefore = before == null ? Catalog.empty() : before;
        // Only while their locks are still held (a rollback since gives them back their rows).
        Set<Long> stillGone = now.stream().filter(h -> h.name() == null).map(Held::oid).collect(Collectors.toSet());
        goneBefore = goneBefore.stream().filter(stillGone::contains).collect(Collectors.toSet());
        return List.of();
    }

    @Override
    public List<Observation> after(Connection connection, Statement statement, boolean inTransaction)
            throws SQLException {
        if (!inTransaction) {
            goneBefore = Set.of();
            return List.of();
        }
        List<Held> now = read(connection);
        Set<Long> gone = now.stream().filter(h -> h.name() == null).map(Held::oid).collect(Collectors.toSet());
        // Only a relation this statement dropped or an index rebuilt under its name needs the schema before, and only
        // those are looked up in it (a map of the whole schema cost milliseconds per statement at 10,000 tables, for
        // every statement after a drop, whose lock stays held under no name).
        Map<Long, Held> before = new HashMap<>(known(catalogBefore,
                gone.stream().filter(oid -> !goneBefore.contains(oid)).collect(Collectors.toSet())));
        goneBefore = gone;
        List<Held> named = new ArrayList<>();
        for (Held h : now) {
            Held known = h.name() == null ? before.get(h.oid()) : h;
            if (known != null) {
                named.add(new Held(h.oid(), h.mode(), known.name(), known.kind()));
            }
        }
        // By name: a rebuilt index is two relations of one name (the old one dropped, its new copy created).
        Map<QualifiedName, Long> names = named.stream().filter(h -> !heldBefore.contains(h.key()))
                .collect(Collectors.groupingBy(Held::name, Collectors.counting()));
        Set<Long> twins = named.stream().filter(h -> names.getOrDefault(h.name(), 0L) > 1 && !before.containsKey(h.oid()))
                .map(Held::oid).collect(Collectors.toSet());
        before.putAll(known(catalogBefore, twins));
        Map<QualifiedName, Held> strongest = new LinkedHashMap<>();
        List<RelationLock> held = new ArrayList<>();
        for (Held h : named) {
            held.add(lock(h));
            if (!heldBefore.contains(h.key())) {
                // Of two of one name and mode (an index rebuilt), the one that was there before the statement.
                strongest.merge(h.name(), h, (a, b) -> a.mode() != b.mode()
                        ? (a.mode().compareTo(b.mode()) > 0 ? a : b) : (before.containsKey(b.oid()) ? b : a));
            }
        }
        List<RelationLock> taken = strongest.values().stream()
                .sorted(Comparator.comparing((Held h) -> h.name().toString()))
                .map(LockProbe::lock).toList();
        return List.of(new Observation.Locks(taken, held));
    }

    private static RelationLock lock(Held h) {
        return new RelationLock(h.oid(), h.name(), h.kind(), h.mode());
    }

    private List<Held> read(Connection connection) throws SQLException {
        List<Held> rows = new ArrayList<>();
        CatalogQuery.run(connection, List.of(new CatalogReader() {
            @Override
            public String sql() {
                return SQL;
            }

            @Override
            public void read(ResultSet rs) throws SQLException {
                LockMode mode = LockMode.fromServer(rs.getString("mode")).orElse(null);
                String relkind = rs.getString("relkind");
                RelationLock.Kind kind = relkind == null ? null : kind(relkind.charAt(0), rs.getBoolean("relispartition"));
                if (mode == null || relkind != null && kind == null) {
                    return; // not a table-level mode, or a composite type or TOAST table
                }
                QualifiedName name = relkind == null ? null
                        : new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                rows.add(new Held(rs.getLong("relation"), mode, name, kind));
            }
        }), path);
        return rows;
    }

    private static RelationLock.Kind kind(char relkind, boolean partition) {
        return switch (relkind) {
            case 'r', 'p', 'f' -> partition ? RelationLock.Kind.PARTITION : RelationLock.Kind.TABLE;
            case 'i', 'I' -> RelationLock.Kind.INDEX;
            case 'S' -> RelationLock.Kind.SEQUENCE;
            case 'v' -> RelationLock.Kind.VIEW;
            case 'm' -> RelationLock.Kind.MATERIALIZED_VIEW;
            default -> null;
        };
    }

    /**
     * The relations {@code oids} of the schema before the statement, by oid: names for the ones the statement dropped.
     * One pass that builds nothing for the relations not asked for.
     */
    private static Map<Long, Held> known(Catalog catalog, Set<Long> oids) {
        Map<Long, Held> known = new HashMap<>();
        if (oids.isEmpty()) {
            return known;
        }
        // A few oids: a scan of them beats boxing each of the schema's oids for a set lookup.
        long[] few = oids.stream().mapToLong(Long::longValue).toArray();
        LongPredicate wanted = oid -> {
            for (long o : few) {
                if (o == oid) {
                    return true;
                }
            }
            return false;
        };
        for (Schema schema : catalog.schemas()) {
            for (Table t : schema.tables()) {
                if (wanted.test(t.oid())) {
                    known.put(t.oid(), new Held(t.oid(), null, t.qualifiedName(),
                            t.partitionOf() != null ? RelationLock.Kind.PARTITION : RelationLock.Kind.TABLE));
                }
                for (Index i : t.indexes()) {
                    if (wanted.test(i.oid())) {
                        known.put(i.oid(), new Held(i.oid(), null, new QualifiedName(schema.name(), i.name()),
                                RelationLock.Kind.INDEX));
                    }
                }
            }
            for (Sequence q : schema.sequences()) {
                if (wanted.test(q.oid())) {
                    known.put(q.oid(), new Held(q.oid(), null, q.qualifiedName(), RelationLock.Kind.SEQUENCE));
                }
            }
            for (View v : schema.views()) {
                if (wanted.test(v.oid())) {
                    known.put(v.oid(), new Held(v.oid(), null, v.qualifiedName(), RelationLock.Kind.VIEW));
                }
            }
            for (MaterializedView v : schema.materializedViews()) {
                if (wanted.test(v.oid())) {
                    known.put(v.oid(), new Held(v.oid(), null, v.qualifiedName(), RelationLock.Kind.MATERIALIZED_VIEW));
                }
            }
        }
        return known;
    }
}
