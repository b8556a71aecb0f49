package io.schemagate.core.dialect.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The InnoDB table id of each table, used as {@code Table.relfilenode}: InnoDB gives a table a new id whenever it
 * rebuilds it (ALTER … FORCE, a COPY alter, an INPLACE rebuild such as a type change, NULL → NOT NULL, OPTIMIZE,
 * ROW_FORMAT) and keeps it otherwise (ADD/DROP INDEX, INSTANT ADD/DROP COLUMN, RENAME). Tested on MariaDB 10.11
 * ({@code INNODB_SYS_TABLES}); MySQL 8 has the same column in {@code INNODB_TABLES}.
 *
 * <p>Both views need the PROCESS privilege: without it, and for what the views do not list (non-InnoDB tables,
 * partitioned tables, whose rows are per partition, names with non-ASCII characters, whose on-disk encoding is not
 * reproduced here), the value is 0, which means "unknown" and never reads as a rebuild.
 */
final class RebuildSignal {

    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: "you need (at least one of) the PROCESS privilege(s)". */
    private static final int ACCESS_DENIED = 1227;

    private RebuildSignal() {
    }

    /** Table ids by table name; empty when the server has no such view or the user may not read it. */
    static Map<String, Long> tableIds(Connection connection, ServerFeatures server) throws SQLException {
        if (server.innodbTables() == null) {
            return Map.of();
        }
        Optional<String> prefix = encoded(server.database());
        if (prefix.isEmpty()) {
            return Map.of();
        }
        // The view name is one of two constants chosen by ServerFeatures, never user text.
        String sql = "SELECT NAME AS name, TABLE_ID AS table_id FROM information_schema." + server.innodbTables()
                + " WHERE NAME LIKE ? ESCAPE '!'";
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, prefix.get().replace("_", "!_") + "/%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString("name"), rs.getLong("table_id"));
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == ACCESS_DENIED) {
                return Map.of();
            }
            throw e;
        }
        Map<String, Long> byTable = new HashMap<>();
        ids.forEach((name, id) -> byTable.put(name.substring(prefix.get().length() + 1), id));
        return byTable;
    }

    /** The id of one table from {@link #tableIds}, or 0. */
    static long of(Map<String, Long> tableIds, String table) {
        return encoded(table).map(name -> tableIds.getOrDefault(name, 0L)).orElse(0L);
    }

    /**
     * The name as InnoDB stores it (the server's file-name encoding): ASCII letters, digits and {@code _} as they are,
     * other ASCII characters as {@code @} and four lower-case hex digits. Non-ASCII characters have a table of their
     * own in the server; empty for those.
     */
    static Optional<String> encoded(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return Optional.empty();
            }
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
                out.append(c);
            } else {
                out.append('@').append(String.format("%04x", (int) c));
            }
        }
        return Optional.of(out.toString());
    }
}
