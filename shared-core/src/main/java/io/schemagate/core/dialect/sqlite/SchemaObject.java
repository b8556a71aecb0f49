package io.schemagate.core.dialect.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One row of {@code main.sqlite_schema}: a table, view, index or trigger a migration created.
 *
 * @param type         {@code table}, {@code view}, {@code index} or {@code trigger}
 * @param tableName    {@code tbl_name}: the table an index or trigger belongs to; the object itself otherwise
 * @param rootpage     the first page of its b-tree; 0 for views, triggers and virtual tables. A table copied into a
 *                     new table gets a new one (ADD, DROP and RENAME COLUMN keep it)
 * @param sql          the CREATE statement as SQLite keeps it (as written, edited in place by ALTER TABLE); null for
 *                     the automatic indexes behind PRIMARY KEY and UNIQUE constraints
 * @param listType     {@code pragma_table_list}'s type for tables and views ({@code table}, {@code virtual},
 *                     {@code shadow}, {@code view}), else null
 * @param withoutRowid a {@code WITHOUT ROWID} table
 * @param strict       a {@code STRICT} table (column types enforced)
 */
record SchemaObject(String type, String name, String tableName, long rootpage, String sql, String listType,
                    boolean withoutRowid, boolean strict) {

    private static final String SQL = """
            SELECT s.type, s.name, s.tbl_name, s.rootpage, s.sql, l.type AS list_type, coalesce(l.wr, 0) AS wr,
                   coalesce(l.strict, 0) AS strict
            FROM main.sqlite_schema s
            LEFT JOIN pragma_table_list(s.name) l ON l.schema = 'main' AND s.type IN ('table', 'view')
            WHERE %s
            ORDER BY s.name""".formatted(SchemaQuery.USER_OBJECT);

    static List<SchemaObject> read(Connection connection) throws SQLException {
        return SchemaQuery.list(connection, SQL, rs -> new SchemaObject(rs.getString("type"), rs.getString("name"),
                rs.getString("tbl_name"), rs.getLong("rootpage"), rs.getString("sql"), rs.getString("list_type"),
                rs.getInt("wr") != 0, rs.getInt("strict") != 0));
    }

    boolean isTable() {
        return "table".equals(type) && !"shadow".equals(listType);
    }

    /** A {@code CREATE VIRTUAL TABLE}: no storage of its own, its module keeps the data. */
    boolean isVirtual() {
        return isTable() && rootpage == 0;
    }

    boolean isView() {
        return "view".equals(type);
    }

    boolean isTrigger() {
        return "trigger".equals(type);
    }
}
