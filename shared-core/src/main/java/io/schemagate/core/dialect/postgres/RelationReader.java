package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads tables (ordinary, partitioned, foreign), views and materialized views. */
final class RelationReader implements CatalogReader {

    /**
     * One relation row.
     *
     * @param kind         {@code pg_class.relkind}: r, p, f, v or m
     * @param partitionKey for kind p
     * @param parentOid    the partitioned parent when this is a partition, else 0
     * @param definition   for views and materialized views
     * @param fingerprint  for views: a digest of the rewrite rule, which refers to objects by oid
     * @param comment      {@code COMMENT ON}, else null
     */
    record Row(long oid, long schemaOid, String schema, String name, char kind, long relfilenode, boolean unlogged,
               boolean populated, String partitionKey, long parentOid, String parentSchema, String parentName,
               String partitionBound, String definition, String fingerprint, String comment) {
    }

    /** Relation kinds the model has; shared with the readers of their members. */
    static final String KINDS = "('r', 'p', 'f', 'v', 'm')";

    // pg_get_viewdef takes AccessShareLock on the tables a view reads, held to the end of the transaction (the
    // server's own behaviour); every other function here locks nothing beyond the call.
    private static final String SQL = ("""
            SELECT c.oid, n.oid AS schema_oid, n.nspname, c.relname, c.relkind, c.relfilenode,
                   c.relpersistence = 'u' AS unlogged, c.relispopulated,
                   CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
                   i.inhparent AS parent_oid, pn.nspname AS parent_schema, pc.relname AS parent_name,
                   CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END AS definition,
                   CASE WHEN c.relkind = 'v' THEN
                       (SELECT %s FROM pg_catalog.pg_rewrite r
                        WHERE r.ev_class = c.oid AND r.rulename = '_RETURN') END AS fingerprint,
                   ds.description AS comment
            FROM /* relation scope from */ pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_description ds
                   ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = 0
            LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
            LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
            LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
            WHERE c.relkind IN %s AND %s AND %s AND """ + RelationScope.MARK + """

            ORDER BY n.nspname, c.relname""").formatted(CatalogQuery.digest(CatalogQuery.nodeTree("r.ev_action")), KINDS,
            CatalogQuery.USER_SCHEMA, CatalogQuery.notFromExtension("pg_class", "c.oid"));

    private final List<Row> rows = new ArrayList<>();
    private final String sql;
    private final List<String> parameters;

    RelationReader() {
        this(RelationScope.ALL);
    }

    RelationReader(RelationScope scope) {
        this.sql = scope.apply(SQL, "c.oid");
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
        rows.add(new Row(
                rs.getLong("oid"),
                rs.getLong("schema_oid"),
                rs.getString("nspname"),
                rs.getString("relname"),
                rs.getString("relkind").charAt(0),
                rs.getLong("relfilenode"),
                rs.getBoolean("unlogged"),
                rs.getBoolean("relispopulated"),
                rs.getString("partition_key"),
                rs.getLong("parent_oid"),
                rs.getString("parent_schema"),
                rs.getString("parent_name"),
                rs.getString("partition_bound"),
                strip(rs.getString("definition")),
                rs.getString("fingerprint"),
                rs.getString("comment")));
    }

    /** By schema, then name. */
    List<Row> relations() {
        return rows;
    }

    /** pg_get_viewdef indents and ends with a semicolon; keep the query itself. */
    private static String strip(String definition) {
        if (definition == null) {
            return null;
        }
        String s = definition.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }
}
