package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inspects a SQLite database into a {@link Catalog} of one schema, {@code main}: its tables (virtual ones as
 * {@link Table.Kind#FOREIGN}, without storage), views, indexes and triggers. {@code temp}, attached databases,
 * SQLite's own {@code sqlite_*} tables and the shadow tables of virtual tables are left out.
 *
 * <p>SQLite has no object ids: every {@code oid} and {@code attnum} is 0, so the differ matches objects by name, and a
 * renamed table or column reads as a drop and an add. A table's {@code relfilenode} is its root page: a table rebuilt by
 * copying it into a new table gets a new one, while ADD, DROP and RENAME COLUMN keep it (DROP COLUMN rewrites the rows
 * in place). Indexes' {@code relfilenode} is theirs.
 *
 * <p>What the pragmas do not report is read from the stored CREATE TABLE text ({@link CreateTableParser}): CHECK
 * constraints, generation expressions, collations, constraint names and foreign-key deferrability. A text the parser
 * does not understand yields none of these (no checks, null expressions and collations, synthetic names), never an
 * error.
 *
 * <p>It only reads {@code sqlite_schema} and pragma functions (never a table's rows), takes no lock beyond SQLite's
 * shared read lock, and leaves the connection's transaction and settings as they were.
 */
public final class SqliteInspector {

    /** The one schema inspected. */
    /** The main database, unqualified in reports ({@code notes.title}); attached ones are never inspected. */
    static final String SCHEMA = "";

    private SqliteInspector() {
    }

    public static Catalog inspect(Connection connection) throws SQLException {
        List<SchemaObject> objects = SchemaObject.read(connection);
        Map<String, List<ColumnRow>> storedColumns = ColumnRow.ofStoredTables(connection);
        Map<String, List<IndexRow>> indexes = IndexRow.read(connection);
        Map<String, List<ForeignKeyRow>> foreignKeys = ForeignKeyRow.read(connection);

        Map<String, List<ColumnRow>> columns = new HashMap<>();
        Map<String, TableAssembly.Parent> parents = new HashMap<>();
        Map<String, List<Trigger>> triggers = new HashMap<>();
        for (SchemaObject o : objects) {
            if (o.isTable() || o.isView()) {
                List<ColumnRow> rows = o.isTable() && !o.isVirtual()
                        ? storedColumns.getOrDefault(o.name(), List.of())
                        : ColumnRow.ofCompiled(connection, o.name());
                columns.put(o.name(), rows);
                if (o.isTable()) {
                    parents.put(key(o.name()), new TableAssembly.Parent(o.name(),
                            rows.stream().map(ColumnRow::name).toList(), TableAssembly.primaryKeyColumns(rows)));
                }
            } else if (o.isTrigger()) {
                // tbl_name is spelled as the CREATE TRIGGER wrote it; SQLite resolves it without regard to case.
                triggers.computeIfAbsent(key(o.tableName()), k -> new ArrayList<>())
                        .add(new Trigger(0, o.name(), null, o.sql(), true, null));
            }
        }

        List<Table> tables = new ArrayList<>();
        List<View> views = new ArrayList<>();
        for (SchemaObject o : objects) {
            List<Trigger> own = triggers.getOrDefault(key(o.name()), List.of()).stream()
                    .sorted(Comparator.comparing(Trigger::name)).toList();
            if (o.isTable()) {
                tables.add(TableAssembly.table(o, columns.get(o.name()), indexes.getOrDefault(o.name(), List.of()),
                        foreignKeys.getOrDefault(o.name(), List.of()), own, name -> parents.get(key(name))));
            } else if (o.isView()) {
                List<Column> viewColumns = columns.get(o.name()).stream()
                        .map(c -> Column.of(0, c.name(), c.type(), c.notNull())).toList();
                views.add(new View(0, SCHEMA, o.name(), ViewQuery.of(o.sql()), null, viewColumns, own));
            }
        }
        tables.sort(Comparator.comparing(Table::name));
        views.sort(Comparator.comparing(View::name));
        return new Catalog(List.of(new Schema(0, SCHEMA, tables, views, List.of(), List.of(), List.of(), List.of())));
    }

    /** SQLite compares names without regard to ASCII case. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
