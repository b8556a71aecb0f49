package io.schemagate.core.dialect.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One foreign key of a table, from the rows of {@code pragma_foreign_key_list} that share an {@code id}.
 *
 * @param id                SQLite's number for it within the table: the last declared is 0
 * @param parent            the referenced table as written in the REFERENCES clause
 * @param columns           the referencing columns
 * @param referencedColumns as written; all null when the clause names no columns (it then means the parent's
 *                          primary key)
 * @param onUpdate          {@code NO ACTION}, {@code RESTRICT}, {@code CASCADE}, {@code SET NULL} or
 *                          {@code SET DEFAULT}
 */
record ForeignKeyRow(int id, String parent, List<String> columns, List<String> referencedColumns, String onUpdate,
                     String onDelete) {

    private static final String SQL = """
            SELECT s.name AS table_name, f.id, f."table" AS parent, f."from", f."to", f.on_update, f.on_delete
            FROM main.sqlite_schema s JOIN pragma_foreign_key_list(s.name, 'main') f
            WHERE %s
            ORDER BY s.name, f.id, f.seq""".formatted(SchemaQuery.STORED_TABLE);

    /** The foreign keys of every table with storage, by table name, in declaration order. */
    static Map<String, List<ForeignKeyRow>> read(Connection connection) throws SQLException {
        record Flat(String table, int id, String parent, String from, String to, String onUpdate, String onDelete) {
        }
        List<Flat> rows = SchemaQuery.list(connection, SQL, rs -> new Flat(rs.getString("table_name"),
                rs.getInt("id"), rs.getString("parent"), rs.getString("from"), rs.getString("to"),
                rs.getString("on_update"), rs.getString("on_delete")));
        Map<String, List<ForeignKeyRow>> out = new LinkedHashMap<>();
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            Flat f = rows.get(k);
            from.add(f.from());
            to.add(f.to());
            Flat next = k + 1 < rows.size() ? rows.get(k + 1) : null;
            if (next == null || !next.table().equals(f.table()) || next.id() != f.id()) {
                out.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(new ForeignKeyRow(f.id(), f.parent(),
                        List.copyOf(from), Collections.unmodifiableList(new ArrayList<>(to)),
                        f.onUpdate(), f.onDelete()));
                from.clear();
                to.clear();
            }
        }
        out.values().forEach(keys -> keys.sort(Comparator.comparingInt(ForeignKeyRow::id).reversed()));
        return out;
    }
}
