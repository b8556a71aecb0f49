package io.schemagate.core.dialect.mysql;

import io.schemagate.core.schema.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads triggers, in one query. A trigger here has a body, not a function: {@code function} is null, and
 * {@code definition} is {@code CREATE TRIGGER `name` BEFORE INSERT ON `table` FOR EACH ROW body}, composed from
 * timing, event and ACTION_STATEMENT (the differ compares it, there being no fingerprint). Always enabled.
 */
final class TriggerReader implements InfoSchemaReader {

    private static final String SQL = """
            SELECT EVENT_OBJECT_TABLE AS table_name, TRIGGER_NAME AS trigger_name, ACTION_TIMING AS timing,
                   EVENT_MANIPULATION AS event, ACTION_STATEMENT AS body
            FROM information_schema.TRIGGERS
            WHERE TRIGGER_SCHEMA = ? AND EVENT_OBJECT_SCHEMA = ?""";

    private final Map<String, List<Trigger>> byTable = new HashMap<>();

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        String table = rs.getString("table_name");
        String name = rs.getString("trigger_name");
        String definition = "CREATE TRIGGER " + Identifiers.quote(name) + " " + rs.getString("timing") + " "
                + rs.getString("event") + " ON " + Identifiers.quote(table) + " FOR EACH ROW " + rs.getString("body");
        byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(new Trigger(0, name, null, definition, true, null));
    }

    /** Triggers by table name, each list by name. */
    Map<String, List<Trigger>> triggers() {
        byTable.values().forEach(list -> list.sort(Comparator.comparing(Trigger::name)));
        return byTable;
    }
}
