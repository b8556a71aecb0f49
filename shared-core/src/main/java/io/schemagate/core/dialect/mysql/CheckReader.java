package io.schemagate.core.dialect.mysql;

import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads CHECK constraints, in one query. {@code expression} is CHECK_CLAUSE as the server formats it (MariaDB
 * {@code `price` > 0}, MySQL {@code (`price` > 0)}); {@code definition} is {@code CHECK (expression)}; {@code columns}
 * are the table's columns the clause names.
 *
 * <p>MariaDB's {@code json} type is {@code longtext} plus a column-level {@code CHECK (json_valid(`c`))} named after
 * the column, which the server adds by itself. That check is left out: it is part of the type, not a constraint anyone
 * wrote, MySQL (native JSON) has no such row, and reporting it would make every added JSON column read as an added
 * CHECK (a scan under lock, in the lint rules). A column-level check someone wrote is kept.
 */
final class CheckReader implements InfoSchemaReader {

    private final ServerFeatures server;
    private final TableConstraintReader constraints;
    private final Map<String, List<Column>> columns;
    private final Map<String, List<Check>> byTable = new HashMap<>();

    /**
     * @param constraints has read TABLE_CONSTRAINTS: on MySQL it knows each check's table and enforcement
     * @param columns     columns by table, to tell column names in a clause
     */
    CheckReader(ServerFeatures server, TableConstraintReader constraints, Map<String, List<Column>> columns) {
        this.server = server;
        this.constraints = constraints;
        this.columns = columns;
    }

    @Override
    public String sql() {
        return server.checkTableName() ? mariaDbSql() : mySqlSql();
    }

    /** MariaDB: CHECK_CONSTRAINTS names the table and the level (Column or Table). */
    private static String mariaDbSql() {
        return """
                SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, LEVEL AS level,
                       CHECK_CLAUSE AS check_clause
                FROM information_schema.CHECK_CONSTRAINTS
                WHERE CONSTRAINT_SCHEMA = ?""";
    }

    /**
     * MySQL 8.0.16+: CHECK_CONSTRAINTS has neither table nor level; the table comes from TABLE_CONSTRAINTS, read
     * before (check names are unique per database there).
     */
    private static String mySqlSql() {
        return """
                SELECT NULL AS table_name, CONSTRAINT_NAME AS constraint_name, 'Table' AS level,
                       CHECK_CLAUSE AS check_clause
                FROM information_schema.CHECK_CONSTRAINTS
                WHERE CONSTRAINT_SCHEMA = ?""";
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        String name = rs.getString("constraint_name");
        String clause = rs.getString("check_clause");
        String table = rs.getString("table_name");
        boolean enforced = true;
        if (table == null) {
            TableConstraintReader.CheckOwner owner = constraints.checkOwner(name);
            if (owner == null) {
                return; // dropped between the two queries
            }
            table = owner.table();
            enforced = owner.enforced();
        }
        if ("Column".equals(rs.getString("level")) && isJsonTypeCheck(name, clause)) {
            return;
        }
        Set<String> tableColumns = columns.getOrDefault(table, List.of()).stream().map(Column::name)
                .collect(Collectors.toSet());
        List<String> named = Identifiers.quotedIn(clause).stream().filter(tableColumns::contains).toList();
        byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(new Check(0, name, clause, named, true, false,
                enforced, "CHECK (" + clause + ")"));
    }

    /** MariaDB's implicit check of a json column: named after the column, exactly {@code json_valid(`column`)}. */
    private static boolean isJsonTypeCheck(String name, String clause) {
        return clause.equals("json_valid(" + Identifiers.quote(name) + ")");
    }

    /** Checks by table name, each list by name. */
    Map<String, List<Check>> checks() {
        byTable.values().forEach(list -> list.sort(Comparator.comparing(Check::name)));
        return byTable;
    }
}
