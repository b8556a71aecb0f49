package io.schemagate.core.dialect.mysql;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.PrimaryKey;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.UniqueConstraint;
import io.schemagate.core.schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inspects the connection's current database ({@code SELECT DATABASE()}) on MySQL 8.0/8.4 or MariaDB 10.11+ into a
 * {@link Catalog} of one {@link Schema} named after the database: its base tables and views with their columns,
 * indexes, primary key, unique, foreign key and check constraints, and triggers.
 *
 * <p>It reads {@code information_schema} only, never a table's rows, one query per object kind, and leaves the session
 * as it found it (settings that would cut its queries short are lifted meanwhile: {@link InspectionSession}). These servers have no object ids: every {@code oid} and {@code attnum} is 0, so the differ matches
 * objects by name (a rename reads as a drop and an add), and lists are in the order the records ask (columns by
 * position, everything else by name). {@code Table.relfilenode} is InnoDB's table id, which changes when a statement
 * rebuilds the table (see {@link RebuildSignal}; 0 when unknown).
 *
 * <p>What differs between the servers is decided from the columns {@code information_schema} has
 * ({@link ServerFeatures}), and handled in small methods named for it: column defaults ({@link ColumnDefault}), the
 * CHECK query ({@link CheckReader}), functional and ignored index parts ({@link IndexReader}), the InnoDB dictionary
 * view ({@link RebuildSignal}).
 */
public final class MysqlInspector {

    /**
     * The dev database is the migrations' own schema: its name is a random scratch name, so the model calls it
     * {@code ""} and reports show objects unqualified ({@code users.email}), the same on every run.
     */
    static final String OWN_SCHEMA = "";

    private MysqlInspector() {
    }

    public static Catalog inspect(Connection connection) throws SQLException {
        return inspect(connection, null);
    }

    /**
     * Inspects {@code database} by name, whatever the session's current database: a migration's {@code USE other}
     * must not make the dev database look empty.
     */
    public static Catalog inspect(Connection connection, String database) throws SQLException {
        try (InspectionSession ignored = InspectionSession.open(connection)) {
            return read(connection, database);
        }
    }

    private static Catalog read(Connection connection, String scratch) throws SQLException {
        ServerFeatures server = ServerFeatures.probe(connection, scratch);
        String database = server.database();

        TableReader tableReader = new TableReader();
        InfoSchemaQuery.run(connection, database, tableReader);
        Map<String, String> tableCollations = new HashMap<>();
        for (TableReader.Row t : tableReader.tables()) {
            tableCollations.put(t.name(), t.collation());
        }
        ColumnReader columnReader = new ColumnReader(server, tableCollations);
        InfoSchemaQuery.run(connection, database, columnReader);
        TableConstraintReader constraintReader = new TableConstraintReader(server);
        InfoSchemaQuery.run(connection, database, constraintReader);
        IndexReader indexReader = new IndexReader(server);
        InfoSchemaQuery.run(connection, database, indexReader);
        ForeignKeyReader foreignKeyReader = new ForeignKeyReader(server);
        InfoSchemaQuery.run(connection, database, foreignKeyReader);
        Map<String, List<Column>> columns = columnReader.columns();
        CheckReader checkReader = new CheckReader(server, constraintReader, columns);
        InfoSchemaQuery.run(connection, database, checkReader);
        TriggerReader triggerReader = new TriggerReader();
        InfoSchemaQuery.run(connection, database, triggerReader);
        ViewReader viewReader = new ViewReader();
        InfoSchemaQuery.run(connection, database, viewReader);
        Map<String, Long> tableIds = RebuildSignal.tableIds(connection, server);

        Map<String, List<Index>> indexes = indexReader.indexes(constraintReader);
        Map<String, List<ForeignKey>> foreignKeys = foreignKeyReader.foreignKeys();
        Map<String, List<Check>> checks = checkReader.checks();
        Map<String, List<Trigger>> triggers = triggerReader.triggers();
        List<Table> tables = new ArrayList<>();
        for (TableReader.Row t : tableReader.tables()) {
            List<Index> tableIndexes = indexes.getOrDefault(t.name(), List.of());
            tables.add(new Table(0, RebuildSignal.of(tableIds, t.name()), OWN_SCHEMA, t.name(), Table.Kind.TABLE, false,
                    null, null, columns.getOrDefault(t.name(), List.of()), primaryKey(tableIndexes),
                    uniques(tableIndexes), foreignKeys.getOrDefault(t.name(), List.of()),
                    checks.getOrDefault(t.name(), List.of()), tableIndexes,
                    triggers.getOrDefault(t.name(), List.of()), t.comment(), List.of()));
        }
        tables.sort(Comparator.comparing(Table::name));
        List<View> views = new ArrayList<>();
        for (ViewReader.Row v : viewReader.views()) {
            // The server qualifies what a view reads with the database's name: the scratch name, which means nothing
            // outside this run (and differs between the two databases a plan compares).
            String definition = v.definition().replace(Identifiers.quote(database) + ".", "");
            views.add(new View(0, OWN_SCHEMA, v.name(), definition, null, columns.getOrDefault(v.name(), List.of()),
                    List.of()));
        }
        views.sort(Comparator.comparing(View::name));
        return new Catalog(List.of(new Schema(0, OWN_SCHEMA, tables, views, List.of(), List.of(), List.of(),
                List.of())));
    }

    /** The key is its index, PRIMARY: the same name, columns and definition. */
    private static PrimaryKey primaryKey(List<Index> indexes) {
        return indexes.stream().filter(Index::primary).findFirst()
                .map(i -> new PrimaryKey(0, i.name(), i.columns(), 0, i.definition()))
                .orElse(null);
    }

    /** Every unique index that TABLE_CONSTRAINTS lists as a UNIQUE constraint, by name. */
    private static List<UniqueConstraint> uniques(List<Index> indexes) {
        return indexes.stream().filter(i -> i.constraint() != null && !i.primary())
                .map(i -> new UniqueConstraint(0, i.name(), i.columns(), 0, false, i.definition()))
                .toList();
    }
}
