package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Whether committing may run code that changes the schema where no statement's inspection looks: a deferrable
 * constraint trigger that calls a user function (it may fire at COMMIT and do anything), or a temporary table (ON
 * COMMIT DROP drops it, with whatever depends on it, such as a default that calls its sequence). Foreign keys' and
 * deferrable unique constraints' own triggers call system functions (oids below 16384), which change no schema.
 *
 * <p>{@link #everywhere()} looks at the whole catalog; {@link #among(Set)} at the relations a statement touched:
 * creating either takes a lock on the relation, so the scope of the statement that did it sees it.
 */
final class CommitCodeReader implements CatalogReader {
    private static final String EVERYWHERE = """
            SELECT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgdeferrable AND t.tgfoid >= 16384)
                OR EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.relpersistence = 't')""";

    private static final String AMONG = """
            SELECT EXISTS (SELECT FROM pg_catalog.unnest(%1$s) AS s(oid)
                           JOIN pg_catalog.pg_trigger t ON t.tgrelid = s.oid
                           WHERE t.tgdeferrable AND t.tgfoid >= 16384)
                OR EXISTS (SELECT FROM pg_catalog.unnest(%1$s) AS s(oid)
                           JOIN pg_catalog.pg_class c ON c.oid = s.oid
                           WHERE c.relpersistence = 't')""".formatted(RelationScope.OIDS);

    private final String sql;
    private final List<String> parameters;
    private boolean found;

    private CommitCodeReader(String sql, List<String> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    static CommitCodeReader everywhere() {
        return new CommitCodeReader(EVERYWHERE, List.of());
    }

    /** @param relations oids (numbers, never text from the migration) */
    static CommitCodeReader among(Set<Long> relations) {
        String oids = RelationScope.literal(relations);
        return new CommitCodeReader(AMONG, List.of(oids, oids));
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public void read(ResultSet row) throws SQLException {
        found = row.getBoolean(1);
    }

    /** Whether a commit may run such code. */
    boolean found() {
        return found;
    }
}
