package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.PrimaryKey;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.UniqueConstraint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads primary keys, unique, foreign key and check constraints of tables, in one query. Exclusion constraints and
 * PostgreSQL 18's NOT NULL constraint rows are not modeled (nullability is {@code Column.notNull}).
 */
final class ConstraintReader implements CatalogReader {

    /** A table's constraints by kind, each list by name. */
    static final class TableConstraints {
        PrimaryKey primaryKey;
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Check> checks = new ArrayList<>();
    }

    // A foreign key that references a partitioned table gets one extra pg_constraint row per referenced partition,
    // on the referencing table, with the original as conparentid: those rows are the server's bookkeeping, not
    // constraints anyone declared, so they are left out. Clones on partitions (other conrelid) are kept.
    private static final String SQL = """
            SELECT con.oid, con.conrelid, con.conname, con.contype, con.convalidated, con.condeferrable,
                   con.condeferred, con.connoinherit, %s AS enforced, con.conindid,
                   pg_catalog.pg_get_constraintdef(con.oid, true) AS definition,
                   CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END AS expression,
                   con.conkey::int4[] AS columns,
                   fn.nspname AS ref_schema, fc.relname AS ref_table,
                   CASE WHEN con.contype = 'f' THEN
                       ARRAY(SELECT a.attname FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                             ORDER BY k.ord)::text[] END AS ref_columns,
                   con.confupdtype, con.confdeltype
            FROM /* relation scope from */ pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p', 'f') AND %s AND %s
              AND """ + RelationScope.MARK + """

              AND NOT (con.contype = 'f' AND con.conparentid <> 0 AND EXISTS (
                       SELECT FROM pg_catalog.pg_constraint parent
                       WHERE parent.oid = con.conparentid AND parent.conrelid = con.conrelid))
            ORDER BY con.conrelid, con.conname""";

    private final String sql;
    private final List<String> parameters;
    private final ColumnReader columnReader;
    private final Map<Long, TableConstraints> byTable = new HashMap<>();

    /**
     * @param serverMajor  the server's major version: {@code conenforced} exists from 18 on
     * @param columnReader runs before this reader; resolves the constrained columns (the referenced columns of a
     *                     foreign key, which may belong to a table the inspection leaves out, are resolved by the query)
     */
    ConstraintReader(int serverMajor, ColumnReader columnReader) {
        this(serverMajor, columnReader, RelationScope.ALL);
    }

    ConstraintReader(int serverMajor, ColumnReader columnReader, RelationScope scope) {
        this.sql = scope.apply(SQL.formatted(serverMajor >= 18 ? "con.conenforced" : "true", CatalogQuery.USER_SCHEMA,
                CatalogQuery.notFromExtension("pg_class", "c.oid")), "con.conrelid");
        this.parameters = scope.parameters();
        this.columnReader = columnReader;
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
        long table = rs.getLong("conrelid");
        TableConstraints t = byTable.computeIfAbsent(table, k -> new TableConstraints());
        long oid = rs.getLong("oid");
        String name = rs.getString("conname");
        String definition = rs.getString("definition");
        List<String> columns = new ArrayList<>();
        for (int attnum : CatalogQuery.ints(rs, "columns")) {
            columns.add(columnReader.names().of(table, attnum));
        }
        switch (rs.getString("contype")) {
            case "p" -> t.primaryKey = new PrimaryKey(oid, name, columns, rs.getLong("conindid"), definition);
            case "u" -> t.uniques.add(new UniqueConstraint(oid, name, columns, rs.getLong("conindid"),
                    rs.getBoolean("condeferrable"), definition));
            case "f" -> t.foreignKeys.add(new ForeignKey(oid, name, columns,
                    new QualifiedName(rs.getString("ref_schema"), rs.getString("ref_table")),
                    CatalogQuery.strings(rs, "ref_columns"),
                    action(rs.getString("confupdtype")),
                    action(rs.getString("confdeltype")),
                    rs.getBoolean("condeferrable"),
                    rs.getBoolean("condeferred"),
                    rs.getBoolean("convalidated"),
                    rs.getBoolean("enforced"),
                    definition));
            case "c" -> t.checks.add(new Check(oid, name, rs.getString("expression"), columns,
                    rs.getBoolean("convalidated"), rs.getBoolean("connoinherit"), rs.getBoolean("enforced"),
                    definition));
            default -> throw new IllegalStateException("constraint type not selected: " + rs.getString("contype"));
        }
    }

    /** Constraints by table oid. */
    Map<Long, TableConstraints> constraints() {
        return byTable;
    }

    private static ForeignKey.Action action(String code) {
        return switch (code) {
            case "r" -> ForeignKey.Action.RESTRICT;
            case "c" -> ForeignKey.Action.CASCADE;
            case "n" -> ForeignKey.Action.SET_NULL;
            case "d" -> ForeignKey.Action.SET_DEFAULT;
            default -> ForeignKey.Action.NO_ACTION;
        };
    }
}
