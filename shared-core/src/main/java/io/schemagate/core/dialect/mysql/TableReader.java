package io.schemagate.core.dialect.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the base tables of the database. Engine and row format are read though the model has no place for them yet:
 * they decide which ALTERs can run online.
 */
final class TableReader implements InfoSchemaReader {

    /**
     * @param collation the table's default collation, which a column's collation is compared with
     * @param comment   TABLE_COMMENT, null when empty
     */
    record Row(String name, String engine, String rowFormat, String collation, String comment) {
    }

    private static final String SQL = """
            SELECT TABLE_NAME AS table_name, ENGINE AS engine, ROW_FORMAT AS row_format,
                   TABLE_COLLATION AS table_collation, TABLE_COMMENT AS table_comment
            FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')""";

    private final List<Row> rows = new ArrayList<>();

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        rows.add(new Row(rs.getString("table_name"), rs.getString("engine"), rs.getString("row_format"),
                rs.getString("table_collation"), comment(rs.getString("table_comment"))));
    }

    private static String comment(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** In the server's order; the inspector sorts. */
    List<Row> tables() {
        return rows;
    }
}
