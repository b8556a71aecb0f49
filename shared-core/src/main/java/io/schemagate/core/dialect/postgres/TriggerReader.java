package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads user triggers: not the internal ones behind foreign keys, and not the copies a trigger on a partitioned table
 * puts on each partition (PostgreSQL 14 marks those internal, 15 and later do not; leaving them out keeps the changes
 * the same on every version). The fingerprint covers what the trigger does — function, events and timing, columns,
 * condition, arguments — and no names, so renames elsewhere leave it unchanged.
 */
final class TriggerReader implements CatalogReader {

    private static final String SQL = ("""
            SELECT t.tgrelid, t.oid, t.tgname, pn.nspname || '.' || p.proname AS function,
                   pg_catalog.pg_get_triggerdef(t.oid, true) AS definition,
                   t.tgenabled <> 'D' AS enabled,
                   %s AS fingerprint
            FROM /* relation scope from */ pg_catalog.pg_trigger t
            JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
            WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND c.relkind IN %s AND %s AND %s
              AND """ + RelationScope.MARK + """

            ORDER BY t.tgrelid, t.tgname""").formatted(CatalogQuery.digest("""
                pg_catalog.concat_ws(E'\\x1f', t.tgfoid::text, t.tgtype::text, t.tgattr::text, %s,
                    pg_catalog.encode(t.tgargs, 'hex'), t.tgdeferrable::text, t.tginitdeferred::text,
                    t.tgoldtable::text, t.tgnewtable::text)""".formatted(CatalogQuery.nodeTree("t.tgqual"))),
            RelationReader.KINDS, CatalogQuery.USER_SCHEMA,
            CatalogQuery.notFromExtension("pg_class", "c.oid"));

    private final Map<Long, List<Trigger>> byRelation = new HashMap<>();
    private final String sql;
    private final List<String> parameters;

    TriggerReader() {
        this(RelationScope.ALL);
    }

    TriggerReader(RelationScope scope) {
        this.sql = scope.apply(SQL, "t.tgrelid");
        this.parameters = scope.parameters();
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
    public void read(ResultSet rs) throws SQLException {
        byRelation.computeIfAbsent(rs.getLong("tgrelid"), k -> new ArrayList<>()).add(new Trigger(
                rs.getLong("oid"),
                rs.getString("tgname"),
                rs.getString("function"),
                rs.getString("definition"),
                rs.getBoolean("enabled"),
                rs.getString("fingerprint")));
    }

    /** Triggers by relation oid, by name. */
    Map<Long, List<Trigger>> triggers() {
        return byRelation;
    }
}
