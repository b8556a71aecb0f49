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
import java.sql.PreparedStatement;
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

/**
 * Which relation locks each statement takes, read from {@code pg_locks} for this session: the locks held just after
 * the statement and not just before it. Locks last until the transaction ends, so only a statement inside one can be
 * observed; one that runs on its own has released them when it returns.
 *
 * <p>A relation the statement dropped is gone from {@code pg_class} while its lock is still held: its name comes
 * from the schema inspected before the statement.
 */
final class LockProbe implements StatementProbe {

    /** One lock row: the relation's oid and the mode; name and kind when the relation still exists. */
    private record Held(long oid, LockMode mode, QualifiedName name, RelationLock.Kind kind) {
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

    private Set<String> modesBefore = Set.of();
    private Catalog catalogBefore = Catalog.empty();

    @Override
    public List<Observation> before(Connection connection, Statement statement, Catalog before) throws SQLException {
        List<Held> held = read(connection);
        modesBefore = new HashSet<>(held.stream().map(h -> h.oid() + " " + h.mode()).toList());
        catalogBefore = before == null ? Catalog.empty() : before;
        return List.of();
    }

    @Override
    public List<Observation> after(Connection connection, Statement statement, boolean inTransaction)
            throws SQLException {
        if (!inTransaction) {
            return List.of();
        }
        // By name: a rebuilt index is two relations of one name (the old one dropped, its new copy created).
        Map<QualifiedName, Held> strongest = new LinkedHashMap<>();
        for (Held h : read(connection)) {
            if (modesBefore.contains(h.oid() + " " + h.mode())) {
                continue;
            }
            Held named = h.name() != null ? h : fromCatalog(h);
            if (named != null) {
                strongest.merge(named.name(), named, (a, b) -> a.mode().compareTo(b.mode()) >= 0 ? a : b);
            }
        }
        List<RelationLock> taken = new ArrayList<>();
        strongest.values().stream()
                .sorted(Comparator.comparing((Held h) -> h.name().toString()))
                .forEach(h -> taken.add(new RelationLock(h.name(), h.kind(), h.mode())));
        return taken.isEmpty() ? List.of() : List.of(new Observation.Locks(taken));
    }

    private static List<Held> read(Connection connection) throws SQLException {
        List<Held> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(SQL); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                LockMode mode = LockMode.fromServer(rs.getString("mode")).orElse(null);
                if (mode == null) {
                    continue;
                }
                String kind = rs.getString("relkind");
                RelationLock.Kind relationKind = kind == null ? null : kind(kind.charAt(0), rs.getBoolean("relispartition"));
                if (kind != null && relationKind == null) {
                    continue; // a composite type or TOAST table
                }
                QualifiedName name = kind == null ? null : new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                rows.add(new Held(rs.getLong("relation"), mode, name, relationKind));
            }
        }
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

    /** A relation dropped by the statement, named from the schema before it; null when it was not in it. */
    private Held fromCatalog(Held lock) {
        Map<Long, Held> known = new HashMap<>();
        for (Schema schema : catalogBefore.schemas()) {
            for (Table t : schema.tables()) {
                known.put(t.oid(), new Held(t.oid(), lock.mode(), t.qualifiedName(),
                        t.partitionOf() != null ? RelationLock.Kind.PARTITION : RelationLock.Kind.TABLE));
                t.indexes().forEach(i -> known.put(i.oid(), new Held(i.oid(), lock.mode(),
                        new QualifiedName(schema.name(), i.name()), RelationLock.Kind.INDEX)));
            }
            schema.sequences().forEach(q -> known.put(q.oid(), new Held(q.oid(), lock.mode(), q.qualifiedName(),
                    RelationLock.Kind.SEQUENCE)));
            schema.views().forEach(v -> known.put(v.oid(), new Held(v.oid(), lock.mode(), v.qualifiedName(),
                    RelationLock.Kind.VIEW)));
            schema.materializedViews().forEach(v -> known.put(v.oid(), new Held(v.oid(), lock.mode(),
                    v.qualifiedName(), RelationLock.Kind.MATERIALIZED_VIEW)));
        }
        return known.get(lock.oid());
    }
}
