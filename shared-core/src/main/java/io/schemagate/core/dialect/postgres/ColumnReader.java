package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the columns of every relation the model has, in one query. */
final class ColumnReader implements CatalogReader {

    private static final String SQL = ("""
            SELECT a.attrelid, a.attnum, a.attname,
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
                   a.attnotnull, a.attidentity, a.attgenerated,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS expression,
                   CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
                   ds.description AS comment
            FROM /* relation scope from */ pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = a.attrelid
                   AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN %s AND %s AND %s AND """ + RelationScope.MARK + """

            ORDER BY a.attrelid, a.attnum""").formatted(RelationReader.KINDS, CatalogQuery.USER_SCHEMA,
            CatalogQuery.notFromExtension("pg_class", "c.oid"));

    private final Map<Long, List<Column>> byRelation = new HashMap<>();
    private ColumnNames names;
    private final String sql;
    private final List<String> parameters;

    ColumnReader() {
        this(RelationScope.ALL);
    }

    ColumnReader(RelationScope scope) {
        this.sql = scope.apply(SQL, "a.attrelid");
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
        Column.Generated generated = switch (CatalogQuery.flag(rs, "attgenerated")) {
            case "s" -> Column.Generated.STORED;
            case "v" -> Column.Generated.VIRTUAL;
            default -> Column.Generated.NONE;
        };
        Column.Identity identity = switch (CatalogQuery.flag(rs, "attidentity")) {
            case "a" -> Column.Identity.ALWAYS;
            case "d" -> Column.Identity.BY_DEFAULT;
            default -> Column.Identity.NONE;
        };
        // pg_attrdef holds a generated column's expression as well as a default.
        String expression = rs.getString("expression");
        boolean isGenerated = generated != Column.Generated.NONE;
        byRelation.computeIfAbsent(rs.getLong("attrelid"), k -> new ArrayList<>()).add(new Column(
                rs.getInt("attnum"),
                rs.getString("attname"),
                rs.getString("type"),
                rs.getBoolean("attnotnull"),
                isGenerated ? null : expression,
                identity,
                generated,
                isGenerated ? expression : null,
                rs.getString("collation"),
                rs.getString("comment"),
                null));
    }

    /** Columns by relation oid, in attnum order. */
    Map<Long, List<Column>> columns() {
        return byRelation;
    }

    /** Names by relation and attnum, for the readers after this one. */
    ColumnNames names() {
        if (names == null) {
            names = new ColumnNames(byRelation);
        }
        return names;
    }
}
