package io.schemagate.core.dialect.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads views. The definition is VIEW_DEFINITION as the server stores it: its tables and columns qualified with the
 * database name ({@code select `db`.`t`.`id` AS `id` from `db`.`t`}), so it names the scratch database.
 */
final class ViewReader implements InfoSchemaReader {

    record Row(String name, String definition) {
    }

    private static final String SQL = """
            SELECT TABLE_NAME AS table_name, VIEW_DEFINITION AS view_definition
            FROM information_schema.VIEWS
            WHERE TABLE_SCHEMA = ?""";

    private final List<Row> rows = new ArrayList<>();

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        rows.add(new Row(rs.getString("table_name"), rs.getString("view_definition")));
    }

    /** In the server's order; the inspector sorts. */
    List<Row> views() {
        return rows;
    }
}
