package io.schemagate.core.dialect.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The inspected database and what this server's {@code information_schema} offers. The differences between MySQL and
 * MariaDB are told by the columns the server has, not by its version string, so a server that grows or loses one is
 * read correctly.
 *
 * @param database          {@code SELECT DATABASE()}: the one database inspected
 * @param defaultCollation  the database's default collation (views have no table collation of their own)
 * @param mariaDb           the server says it is MariaDB (COLUMN_DEFAULT then holds SQL expressions, literals quoted)
 * @param checkTableName    {@code CHECK_CONSTRAINTS.TABLE_NAME} exists (MariaDB); MySQL needs TABLE_CONSTRAINTS for it
 * @param checkEnforced     {@code TABLE_CONSTRAINTS.ENFORCED} exists (MySQL 8.0.16+)
 * @param indexExpression   {@code STATISTICS.EXPRESSION} exists (MySQL 8.0.13+: functional key parts)
 * @param indexIgnored      {@code STATISTICS.IGNORED} exists (MariaDB 10.6+)
 * @param indexVisible      {@code STATISTICS.IS_VISIBLE} exists (MySQL 8)
 * @param innodbTables      the InnoDB dictionary view with {@code TABLE_ID}: {@code INNODB_SYS_TABLES} (MariaDB),
 *                          {@code INNODB_TABLES} (MySQL 8), or null when the server has neither
 */
record ServerFeatures(String database, String defaultCollation, boolean mariaDb, boolean checkTableName, boolean checkEnforced,
                      boolean indexExpression, boolean indexIgnored, boolean indexVisible, String innodbTables) {

    private static final String PROBE = """
            SELECT COALESCE(?, DATABASE()) AS db, VERSION() AS version,
                   (SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA
                    WHERE SCHEMA_NAME = COALESCE(?, DATABASE())) AS collation,
                   (SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', COLUMN_NAME) SEPARATOR ' ')
                    FROM information_schema.COLUMNS
                    WHERE TABLE_SCHEMA = 'information_schema'
                      AND TABLE_NAME IN ('STATISTICS', 'CHECK_CONSTRAINTS', 'TABLE_CONSTRAINTS',
                                         'INNODB_SYS_TABLES', 'INNODB_TABLES')
                      AND COLUMN_NAME IN ('EXPRESSION', 'IGNORED', 'IS_VISIBLE', 'TABLE_NAME', 'ENFORCED',
                                          'TABLE_ID')) AS features""";

    /** @param database the database to inspect, or null for the session's current one */
    static ServerFeatures probe(Connection connection, String database) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(PROBE)) {
            s.setString(1, database);
            s.setString(2, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return of(rs);
            }
        }
    }

    private static ServerFeatures of(ResultSet rs) throws SQLException {
        String database = rs.getString("db");
        if (database == null) {
            throw new SQLException("the connection has no current database (SELECT DATABASE() is NULL)");
        }
        String features = rs.getString("features");
        Set<String> has = features == null ? Set.of()
                : Arrays.stream(features.split(" ")).map(String::toUpperCase).collect(Collectors.toSet());
        String innodbTables = has.contains("INNODB_SYS_TABLES.TABLE_ID") ? "INNODB_SYS_TABLES"
                : has.contains("INNODB_TABLES.TABLE_ID") ? "INNODB_TABLES" : null;
        return new ServerFeatures(database, rs.getString("collation"), rs.getString("version").contains("MariaDB"),
                has.contains("CHECK_CONSTRAINTS.TABLE_NAME"), has.contains("TABLE_CONSTRAINTS.ENFORCED"),
                has.contains("STATISTICS.EXPRESSION"), has.contains("STATISTICS.IGNORED"),
                has.contains("STATISTICS.IS_VISIBLE"), innodbTables);
    }
}
