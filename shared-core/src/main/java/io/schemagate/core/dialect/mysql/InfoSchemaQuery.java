package io.schemagate.core.dialect.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs {@link InfoSchemaReader}s. One statement per reader: the dev connection is opened elsewhere and multi-statement
 * texts need {@code allowMultiQueries} on its URL, so nothing here relies on them.
 */
final class InfoSchemaQuery {

    private InfoSchemaQuery() {
    }

    /** Runs the reader's query with every {@code ?} bound to {@code database}. */
    static void run(Connection connection, String database, InfoSchemaReader reader) throws SQLException {
        String sql = reader.sql();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameters = (int) sql.chars().filter(c -> c == '?').count();
            for (int i = 1; i <= parameters; i++) {
                statement.setString(i, database);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }
}
