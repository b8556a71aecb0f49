package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Whether the transaction still holds a schema-changing lock (SHARE UPDATE EXCLUSIVE or stronger) on each of some
 * relations. The lock probe names a lock from the catalogs or from the schema before the statement, so a relation
 * dropped by an earlier statement of the transaction drops out of what it reports while its lock is still held; this
 * tells that apart from a lock that went away (a savepoint rolled back).
 */
final class StillLockedReader implements CatalogReader {
    private static final String SQL = """
            SELECT count(DISTINCT l.relation) FROM pg_catalog.pg_locks l
            WHERE l.locktype = 'relation' AND l.pid = pg_catalog.pg_backend_pid() AND l.granted
              AND l.relation = ANY (%s)
              AND l.mode IN ('ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock',
                             'AccessExclusiveLock')""".formatted(RelationScope.OIDS);

    private final Set<Long> relations;
    private final List<String> parameters;
    private long held;

    /** @param relations oids (numbers, never text from the migration) */
    StillLockedReader(Set<Long> relations) {
        this.relations = relations;
        this.parameters = List.of(RelationScope.literal(relations));
    }

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public void read(ResultSet row) throws SQLException {
        held = row.getLong(1);
    }

    /** Whether every one of the relations is still locked. */
    boolean all() {
        return held == relations.size();
    }
}
