package io.schemagate.core.dialect.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code pragma_table_xinfo}.
 *
 * @param type       the declared type as SQLite reports it: as written, except that it spells the standard names
 *                   ({@code INT}, {@code INTEGER}, {@code TEXT}, {@code REAL}, {@code BLOB}, …) in upper case; "" when
 *                   none was declared
 * @param notNull    declared NOT NULL (also every primary key column of a WITHOUT ROWID table)
 * @param defaultSql the DEFAULT expression as written, else null
 * @param pk         the column's position in the primary key, from 1; 0 when it is not part of it
 * @param hidden     0 ordinary, 1 a hidden column of a virtual table, 2 generated VIRTUAL, 3 generated STORED
 */
record ColumnRow(String name, String type, boolean notNull, String defaultSql, int pk, int hidden) {

    private static final String COLUMNS = "c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden";

    private static final String TABLES_SQL = """
            SELECT s.name AS table_name, %s
            FROM main.sqlite_schema s JOIN pragma_table_xinfo(s.name, 'main') c
            WHERE %s
            ORDER BY s.name, c.cid""".formatted(COLUMNS, SchemaQuery.STORED_TABLE);

    private static final String ONE_SQL = "SELECT " + COLUMNS + " FROM pragma_table_xinfo(?, 'main') c ORDER BY c.cid";

    /** The columns of every table with storage, by table name, in table order. */
    static Map<String, List<ColumnRow>> ofStoredTables(Connection connection) throws SQLException {
        record Named(String table, ColumnRow column) {
        }
        Map<String, List<ColumnRow>> out = new LinkedHashMap<>();
        for (Named n : SchemaQuery.list(connection, TABLES_SQL, rs -> new Named(rs.getString("table_name"), row(rs)))) {
            out.computeIfAbsent(n.table(), k -> new ArrayList<>()).add(n.column());
        }
        return out;
    }

    /**
     * The columns of one view or virtual table, which SQLite has to compile to know them: a view whose table was
     * dropped, or a virtual table whose module is not loaded, does not compile, and then has no columns here.
     */
    static List<ColumnRow> ofCompiled(Connection connection, String relation) {
        try {
            return SchemaQuery.list(connection, ONE_SQL, ColumnRow::row, relation);
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static ColumnRow row(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        return new ColumnRow(rs.getString("name"), type == null ? "" : type, rs.getInt("notnull") != 0,
                rs.getString("dflt_value"), rs.getInt("pk"), rs.getInt("hidden"));
    }
}
