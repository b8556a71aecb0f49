package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.IndexPart;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads the indexes of tables and materialized views, in one query. */
final class IndexReader implements CatalogReader {

    // indkey holds an attnum per part, 0 for an expression; indoption's bit 0 is DESC; parts from indnkeyatts on are
    // INCLUDE columns. Both are int2vectors, read as text ("1 0 3"). Expressions are formatted only for indexes that
    // have some.
    private static final String SQL = ("""
            SELECT i.indrelid, i.indexrelid, ic.relname, ic.relfilenode, i.indisunique, i.indisprimary, i.indisvalid,
                   am.amname, i.indnkeyatts, i.indkey::text AS indkey, i.indoption::text AS indoption,
                   pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
                   pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
                   CASE WHEN i.indexprs IS NOT NULL THEN
                       ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, true)
                             FROM pg_catalog.generate_series(0, i.indnatts - 1) k
                             WHERE i.indkey[k] = 0 ORDER BY k)::text[] END AS expressions,
                   con.conname AS constraint_name
            FROM /* relation scope from */ pg_catalog.pg_index i
            JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_catalog.pg_am am ON am.oid = ic.relam
            JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_constraint con
                   ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u')
            WHERE c.relkind IN ('r', 'p', 'm') AND %s AND %s AND """ + RelationScope.MARK + """

            ORDER BY i.indrelid, ic.relname""").formatted(CatalogQuery.USER_SCHEMA,
            CatalogQuery.notFromExtension("pg_class", "c.oid"));

    private final ColumnReader columnReader;
    private final Map<Long, List<Index>> byRelation = new HashMap<>();

    private final String sql;
    private final List<String> parameters;

    /** @param columnReader runs before this reader; resolves the attnums of index parts */
    IndexReader(ColumnReader columnReader) {
        this(columnReader, RelationScope.ALL);
    }

    IndexReader(ColumnReader columnReader, RelationScope scope) {
        this.columnReader = columnReader;
        this.sql = scope.apply(SQL, "i.indrelid");
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
        ColumnNames columns = columnReader.names();
        long table = rs.getLong("indrelid");
        int[] attnums = numbers(rs.getString("indkey"));
        int[] options = numbers(rs.getString("indoption"));
        Iterator<String> expressions = CatalogQuery.strings(rs, "expressions").iterator();
        int keyParts = rs.getInt("indnkeyatts");
        List<IndexPart> parts = new ArrayList<>();
        List<String> include = new ArrayList<>();
        for (int k = 0; k < attnums.length; k++) {
            String column = attnums[k] == 0 ? null : columns.of(table, attnums[k]);
            if (k >= keyParts) {
                include.add(column);
            } else {
                boolean descending = k < options.length && (options[k] & 1) != 0;
                parts.add(new IndexPart(column, column == null ? expressions.next() : null, descending));
            }
        }
        byRelation.computeIfAbsent(table, k -> new ArrayList<>()).add(new Index(
                rs.getLong("indexrelid"),
                rs.getLong("relfilenode"),
                rs.getString("relname"),
                rs.getBoolean("indisunique"),
                rs.getBoolean("indisprimary"),
                rs.getBoolean("indisvalid"),
                rs.getString("amname"),
                parts,
                include,
                rs.getString("predicate"),
                rs.getString("definition"),
                rs.getString("constraint_name")));
    }

    /** Indexes by table (or materialized view) oid, by name. */
    Map<Long, List<Index>> indexes() {
        return byRelation;
    }

    /** An int2vector's text form, e.g. {@code 1 0 3}. */
    private static int[] numbers(String vector) {
        String s = vector == null ? "" : vector.strip();
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(" ");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }
}
