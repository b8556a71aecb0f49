package io.schemagate.core.dialect.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads TABLE_CONSTRAINTS: which unique indexes are UNIQUE constraints, and (MySQL) which table each CHECK belongs to
 * and whether it is enforced — MySQL's CHECK_CONSTRAINTS has neither.
 */
final class TableConstraintReader implements InfoSchemaReader {

    /** A CHECK's table and enforcement, as TABLE_CONSTRAINTS has them. */
    record CheckOwner(String table, boolean enforced) {
    }

    private static final String SQL = """
            SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, CONSTRAINT_TYPE AS constraint_type,
                   %s AS enforced
            FROM information_schema.TABLE_CONSTRAINTS
            WHERE TABLE_SCHEMA = ? AND CONSTRAINT_TYPE IN ('UNIQUE', 'CHECK')""";

    private final String sql;
    private final Map<String, Set<String>> uniques = new HashMap<>();
    private final Map<String, CheckOwner> checks = new HashMap<>();

    TableConstraintReader(ServerFeatures server) {
        this.sql = SQL.formatted(enforcedColumn(server));
    }

    /** MySQL 8.0.16+ has ENFORCED (YES/NO); MariaDB enforces every CHECK. */
    private static String enforcedColumn(ServerFeatures server) {
        return server.checkEnforced() ? "ENFORCED" : "'YES'";
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        String table = rs.getString("table_name");
        String name = rs.getString("constraint_name");
        if ("UNIQUE".equals(rs.getString("constraint_type"))) {
            uniques.computeIfAbsent(table, k -> new HashSet<>()).add(name);
        } else {
            checks.put(name, new CheckOwner(table, !"NO".equals(rs.getString("enforced"))));
        }
    }

    boolean isUniqueConstraint(String table, String index) {
        return uniques.getOrDefault(table, Set.of()).contains(index);
    }

    /**
     * The owner of a CHECK by name. MySQL check names are unique per database, which is what makes this lookup
     * possible; MariaDB's are unique per table only, but there CHECK_CONSTRAINTS names the table itself.
     */
    CheckOwner checkOwner(String name) {
        return checks.get(name);
    }
}
