package io.schemagate.core.dialect.mysql;

import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads foreign keys: KEY_COLUMN_USAGE (one row per column pair) with their rules from REFERENTIAL_CONSTRAINTS, in one
 * query. The actions are what the server reports: MariaDB says RESTRICT and MySQL NO ACTION for an FK declared without
 * one (InnoDB treats both alike). {@code definition} is the FK as SHOW CREATE TABLE writes it, without its name,
 * e.g. {@code FOREIGN KEY (`a`) REFERENCES `p` (`id`) ON DELETE CASCADE} (the referenced table is qualified only when
 * in another database; actions only when not RESTRICT / NO ACTION). Never deferrable, always validated and enforced.
 */
final class ForeignKeyReader implements InfoSchemaReader {

    private static final String SQL = """
            SELECT k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name, k.COLUMN_NAME AS column_name,
                   k.REFERENCED_TABLE_SCHEMA AS ref_schema, k.REFERENCED_TABLE_NAME AS ref_table,
                   k.REFERENCED_COLUMN_NAME AS ref_column, r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule
            FROM information_schema.KEY_COLUMN_USAGE k
            JOIN information_schema.REFERENTIAL_CONSTRAINTS r
              ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME
                 AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
            WHERE k.TABLE_SCHEMA = ? AND r.CONSTRAINT_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
            ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION""";

    /** A foreign key being assembled from its column rows. */
    private record Building(String table, String name, QualifiedName referenced, List<String> columns,
                            List<String> referencedColumns, ForeignKey.Action onUpdate, ForeignKey.Action onDelete) {
    }

    private final String database;
    private final Map<String, Building> building = new LinkedHashMap<>();

    ForeignKeyReader(ServerFeatures server) {
        this.database = server.database();
    }

    /** A reference into the dev database itself is to the migrations' own schema ({@link MysqlInspector#OWN_SCHEMA}). */
    private String ownOrOther(String schema) {
        return schema.equals(database) ? MysqlInspector.OWN_SCHEMA : schema;
    }

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        String table = rs.getString("table_name");
        String name = rs.getString("constraint_name");
        Building fk = building.get(table + "\0" + name);
        if (fk == null) {
            fk = new Building(table, name, new QualifiedName(ownOrOther(rs.getString("ref_schema")), rs.getString("ref_table")),
                    new ArrayList<>(), new ArrayList<>(), action(rs.getString("update_rule")),
                    action(rs.getString("delete_rule")));
            building.put(table + "\0" + name, fk);
        }
        fk.columns().add(rs.getString("column_name"));
        fk.referencedColumns().add(rs.getString("ref_column"));
    }

    /** Foreign keys by table name, each list by name. */
    Map<String, List<ForeignKey>> foreignKeys() {
        Map<String, List<ForeignKey>> byTable = new HashMap<>();
        for (Building b : building.values()) {
            byTable.computeIfAbsent(b.table(), k -> new ArrayList<>()).add(new ForeignKey(0, b.name(), b.columns(),
                    b.referenced(), b.referencedColumns(), b.onUpdate(), b.onDelete(), false, false, true, true,
                    definition(b)));
        }
        byTable.values().forEach(list -> list.sort(Comparator.comparing(ForeignKey::name)));
        return byTable;
    }

    private String definition(Building b) {
        String referenced = (b.referenced().schema().isEmpty() ? ""
                : Identifiers.quote(b.referenced().schema()) + ".") + Identifiers.quote(b.referenced().name());
        return "FOREIGN KEY (" + quoted(b.columns()) + ") REFERENCES " + referenced + " (" + quoted(b.referencedColumns())
                + ")" + clause("ON DELETE", b.onDelete()) + clause("ON UPDATE", b.onUpdate());
    }

    private static String quoted(List<String> names) {
        return names.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    private static String clause(String event, ForeignKey.Action action) {
        return switch (action) {
            case RESTRICT, NO_ACTION -> "";
            case CASCADE -> " " + event + " CASCADE";
            case SET_NULL -> " " + event + " SET NULL";
            case SET_DEFAULT -> " " + event + " SET DEFAULT";
        };
    }

    private static ForeignKey.Action action(String rule) {
        return switch (rule) {
            case "CASCADE" -> ForeignKey.Action.CASCADE;
            case "SET NULL" -> ForeignKey.Action.SET_NULL;
            case "SET DEFAULT" -> ForeignKey.Action.SET_DEFAULT;
            case "NO ACTION" -> ForeignKey.Action.NO_ACTION;
            default -> ForeignKey.Action.RESTRICT;
        };
    }
}
