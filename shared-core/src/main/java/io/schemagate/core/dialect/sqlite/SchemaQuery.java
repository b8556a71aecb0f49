package io.schemagate.core.dialect.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one read-only query on {@code sqlite_schema} and the pragma functions and maps its rows.
 *
 * <p>Every query names the {@code main} schema explicitly ({@code main.sqlite_schema}, the pragma functions'
 * schema argument), so {@code temp} objects and attached databases never show, and object names reach the pragmas as
 * values, never as SQL text: the names come from migrations, which are untrusted.
 */
final class SchemaQuery {

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * User objects of {@code main.sqlite_schema} (alias {@code s}): SQLite reserves names starting with
     * {@code sqlite_} (any case) for its own tables and automatic indexes.
     */
    static final String USER_OBJECT = "s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    /** Tables with storage (alias {@code s}): virtual tables have root page 0. */
    static final String STORED_TABLE = "s.type = 'table' AND s.rootpage > 0 AND " + USER_OBJECT;

    private SchemaQuery() {
    }

    /** The rows of {@code sql}, whose {@code ?} parameters take {@code parameters} in order. */
    static <T> List<T> list(Connection connection, String sql, Row<T> row, String... parameters)
            throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
        }
        return out;
    }
}
