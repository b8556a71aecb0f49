package io.schemagate.core.dialect.mysql;

import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.IndexPart;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the indexes of every table from STATISTICS (one row per key part), in one query.
 *
 * <p>The model's {@link Index} gets: {@code method} = INDEX_TYPE in lower case ({@code btree}, {@code fulltext},
 * {@code spatial}, {@code hash}); {@code primary} for the index named PRIMARY; {@code constraint} = PRIMARY or the name
 * of the UNIQUE constraint the index is (on these servers every unique index is one, so the differ reports it as a
 * unique constraint); {@code valid} = false for an index the optimizer is told to ignore (MariaDB {@code IGNORED},
 * MySQL {@code INVISIBLE}: kept up to date, unique ones still checked, but not used by queries); {@code definition}
 * = the index as SHOW CREATE TABLE lists it (no table name, so it survives a table rename), e.g.
 * {@code KEY `ix` (`name`(10) DESC,`id`)}. A prefix length is only in the definition: {@link IndexPart} has no place
 * for it. No oid, no storage number (0): indexes are matched by name and definition.
 */
final class IndexReader implements InfoSchemaReader {

    private static final String SQL = """
            SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique,
                   COLUMN_NAME AS column_name, SUB_PART AS sub_part, COLLATION AS collation, INDEX_TYPE AS index_type,
                   %s AS expression, %s AS ignored
            FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = ?
            ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX""";

    /** One key part as STATISTICS has it. */
    private record Part(String column, String expression, Integer prefix, boolean descending) {
    }

    /** An index being assembled from its rows. */
    private static final class Building {
        final String table;
        final String name;
        final boolean unique;
        final String type;
        final boolean ignored;
        final List<Part> parts = new ArrayList<>();

        Building(String table, String name, boolean unique, String type, boolean ignored) {
            this.table = table;
            this.name = name;
            this.unique = unique;
            this.type = type;
            this.ignored = ignored;
        }
    }

    private final String sql;
    private final Map<String, Building> building = new LinkedHashMap<>();

    IndexReader(ServerFeatures server) {
        this.sql = SQL.formatted(expressionColumn(server), ignoredColumn(server));
    }

    /** MySQL 8.0.13+: functional key parts have a NULL COLUMN_NAME and their text in EXPRESSION; MariaDB has none. */
    private static String expressionColumn(ServerFeatures server) {
        return server.indexExpression() ? "EXPRESSION" : "NULL";
    }

    /** MariaDB 10.6+: IGNORED (YES/NO); MySQL 8: IS_VISIBLE (YES/NO), the opposite sense. */
    private static String ignoredColumn(ServerFeatures server) {
        if (server.indexIgnored()) {
            return "IGNORED";
        }
        return server.indexVisible() ? "CASE WHEN IS_VISIBLE = 'NO' THEN 'YES' ELSE 'NO' END" : "'NO'";
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        String table = rs.getString("table_name");
        String name = rs.getString("index_name");
        Building index = building.get(table + "\0" + name);
        if (index == null) { // the first part's row carries what is per index
            index = new Building(table, name, rs.getInt("non_unique") == 0,
                    rs.getString("index_type").toLowerCase(Locale.ROOT), "YES".equals(rs.getString("ignored")));
            building.put(table + "\0" + name, index);
        }
        int subPart = rs.getInt("sub_part");
        Integer prefix = rs.wasNull() ? null : subPart;
        index.parts.add(new Part(rs.getString("column_name"), rs.getString("expression"), prefix,
                "D".equals(rs.getString("collation"))));
    }

    /** Indexes by table name, each list by name. */
    Map<String, List<Index>> indexes(TableConstraintReader constraints) {
        Map<String, List<Index>> byTable = new HashMap<>();
        for (Building b : building.values()) {
            boolean primary = b.name.equals("PRIMARY");
            String constraint = primary || b.unique && constraints.isUniqueConstraint(b.table, b.name) ? b.name : null;
            List<IndexPart> parts = b.parts.stream()
                    .map(p -> new IndexPart(p.column(), p.column() == null ? p.expression() : null, p.descending()))
                    .toList();
            byTable.computeIfAbsent(b.table, k -> new ArrayList<>()).add(new Index(0, 0, b.name, b.unique, primary,
                    !b.ignored, b.type, parts, List.of(), null, definition(b, primary), constraint));
        }
        byTable.values().forEach(list -> list.sort(Comparator.comparing(Index::name)));
        return byTable;
    }

    private static String definition(Building b, boolean primary) {
        String kind = primary ? "PRIMARY KEY"
                : b.unique ? "UNIQUE KEY " + Identifiers.quote(b.name)
                : switch (b.type) {
                    case "fulltext" -> "FULLTEXT KEY " + Identifiers.quote(b.name);
                    case "spatial" -> "SPATIAL KEY " + Identifiers.quote(b.name);
                    default -> "KEY " + Identifiers.quote(b.name);
                };
        String parts = b.parts.stream().map(IndexReader::part).collect(Collectors.joining(","));
        return kind + " (" + parts + ")" + (b.type.equals("hash") ? " USING HASH" : "");
    }

    private static String part(Part p) {
        String key = p.column() == null ? "(" + p.expression() + ")"
                : Identifiers.quote(p.column()) + (p.prefix() == null ? "" : "(" + p.prefix() + ")");
        return p.descending() ? key + " DESC" : key;
    }
}
