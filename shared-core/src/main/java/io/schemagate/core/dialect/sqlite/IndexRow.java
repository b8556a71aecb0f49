package io.schemagate.core.dialect.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One index of a table, from {@code pragma_index_list} and {@code pragma_index_xinfo}, with its
 * {@code sqlite_schema} row.
 *
 * @param origin   {@code c} CREATE INDEX, {@code u} a UNIQUE constraint, {@code pk} a PRIMARY KEY (absent for an
 *                 INTEGER PRIMARY KEY, which is the rowid itself)
 * @param partial  has a WHERE
 * @param rootpage the first page of its b-tree
 * @param sql      the CREATE INDEX text; null for an automatic index behind a constraint
 * @param parts    key parts in order (the rowid SQLite appends is left out)
 */
record IndexRow(String name, boolean unique, String origin, boolean partial, long rootpage, String sql,
                List<Part> parts) {

    /**
     * @param cid        the column's position; -2 an expression, -1 the rowid
     * @param column     the column's name; null for an expression or the rowid
     * @param descending DESC
     */
    record Part(int cid, String column, boolean descending) {
    }

    IndexRow {
        parts = List.copyOf(parts);
    }

    private static final String SQL = """
            SELECT s.name AS table_name, l.name AS index_name, l."unique", l.origin, l.partial,
                   i.rootpage, i.sql, x.cid, x.name AS column_name, x."desc"
            FROM main.sqlite_schema s
            JOIN pragma_index_list(s.name, 'main') l
            JOIN pragma_index_xinfo(l.name, 'main') x
            LEFT JOIN main.sqlite_schema i ON i.type = 'index' AND i.name = l.name
            WHERE %s AND x.key = 1
            ORDER BY s.name, l.name, x.seqno""".formatted(SchemaQuery.STORED_TABLE);

    /** The indexes of every table with storage, by table name, each list by index name. */
    static Map<String, List<IndexRow>> read(Connection connection) throws SQLException {
        record Flat(String table, String index, boolean unique, String origin, boolean partial, long rootpage,
                    String sql, Part part) {
        }
        List<Flat> rows = SchemaQuery.list(connection, SQL, rs -> new Flat(rs.getString("table_name"),
                rs.getString("index_name"), rs.getInt("unique") != 0, rs.getString("origin"),
                rs.getInt("partial") != 0, rs.getLong("rootpage"), rs.getString("sql"),
                new Part(rs.getInt("cid"), rs.getString("column_name"), rs.getInt("desc") != 0)));
        Map<String, List<IndexRow>> out = new LinkedHashMap<>();
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            Flat f = rows.get(k);
            parts.add(f.part());
            Flat next = k + 1 < rows.size() ? rows.get(k + 1) : null;
            if (next == null || !next.table().equals(f.table()) || !next.index().equals(f.index())) {
                out.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(new IndexRow(f.index(), f.unique(),
                        f.origin(), f.partial(), f.rootpage(), f.sql(), parts));
                parts.clear();
            }
        }
        return out;
    }
}
