package io.schemagate.core.dialect.postgres;

import io.schemagate.core.lock.LockMode;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.replay.Observation;
import io.schemagate.core.replay.StatementProbe;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.Table;
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
import java.util.function.Supplier;

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
    private final SavedSearchPath path = new SavedSearchPath();

    @Override
    public List<Observation> before(Connection connection, Statement statement, Catalog before) throws SQLException {
        heldBefore = new HashSet<>(read(connection).stream().map(Held::key).toList());
        catalogBefore = before == null ? Catalog.empty() : before;
        return List.of();
    }

    @Override
    public List<Observation> after(Connection connection, Statement statement, boolean inTransaction)
            throws SQLException {
        if (!inTransaction) {
            return List.of();
        }
        List<Held> now = read(connection);
        // Only a dropped relation or an index rebuilt under its name needs the schema before: built on first need.
        Map<Long, Held> before = new HashMap<>();
        Supplier<Map<Long, Held>> relationsBefore = () -> {
            if (before.isEmpty()) {
                before.putAll(known(catalogBefore));
            }
            return before;
        };
        // By name: a rebuilt index is two relations of one name (the old one dropped, its new copy created).
        Map<QualifiedName, Held> strongest = new LinkedHashMap<>();
        List<RelationLock> held = new ArrayList<>();
        for (Held h : now) {
            Held named = h;
            if (h.name() == null) {
                Held known = relationsBefore.get().get(h.oid());
                named = known == null ? null : new Held(h.oid(), h.mode(), known.name(), known.kind());
            }
            if (named == null) {
                continue;
            }
            held.add(lock(named));
            if (!heldBefore.contains(h.key())) {
                // Of two of one name and mode (an index rebuilt), the one that was there before the statement.
                strongest.merge(named.name(), named, (a, b) -> a.mode() != b.mode()
                        ? (a.mode().compareTo(b.mode()) > 0 ? a : b) : (relationsBefore.get().containsKey(b.oid()) ? b : a));
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

    /** Every relation of the schema before the statement, by oid: names for the ones the statement dropped. */
    private static Map<Long, Held> known(Catalog catalog) {
        Map<Long, Held> known = new HashMap<>();
        for (Schema schema : catalog.schemas()) {
            for (Table t : schema.tables()) {
                known.put(t.oid(), new Held(t.oid(), null, t.qualifiedName(),
                        t.partitionOf() != null ? RelationLock.Kind.PARTITION : RelationLock.Kind.TABLE));
                t.indexes().forEach(i -> known.put(i.oid(), new Held(i.oid(), null,
                        new QualifiedName(schema.name(), i.name()), RelationLock.Kind.INDEX)));
            }
            schema.sequences().forEach(q -> known.put(q.oid(), new Held(q.oid(), null, q.qualifiedName(),
                    RelationLock.Kind.SEQUENCE)));
            schema.views().forEach(v -> known.put(v.oid(), new Held(v.oid(), null, v.qualifiedName(),
                    RelationLock.Kind.VIEW)));
            schema.materializedViews().forEach(v -> known.put(v.oid(), new Held(v.oid(), null, v.qualifiedName(),
                    RelationLock.Kind.MATERIALIZED_VIEW)));
        }
        return known;
    }
}
