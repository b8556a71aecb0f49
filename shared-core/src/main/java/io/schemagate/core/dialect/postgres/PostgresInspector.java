package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.MaterializedView;
import io.schemagate.core.schema.QualifiedName;
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
import java.util.Map;

/**
 * Inspects a PostgreSQL database (14–18) into a {@link Catalog}: every schema except the system ones
 * ({@code pg_catalog}, {@code information_schema}, {@code pg_toast*}, {@code pg_temp*}) and objects that belong to
 * an extension.
 *
 * <p>It runs after every replayed statement, inside the replay's transaction, so it
 * <ul>
 *   <li>reads {@code pg_catalog} only, never a table's rows (it needs no privilege on any table);</li>
 *   <li>runs one query per object kind, whatever the size of the database, all sent in one round trip;</li>
 *   <li>never commits or rolls back, and leaves every setting as it found it. Types and expressions are formatted
 *       by the server as if the search path were {@code public}, whatever the session's path: objects in
 *       {@code public} read unqualified ({@code mood}, {@code nextval('users_id_seq'::regclass)}), others
 *       schema-qualified ({@code billing.status}), so a {@code SET search_path} between two inspections changes no
 *       text. The path is pinned transaction-locally for the inspection's queries and put back after them.</li>
 * </ul>
 * Locks: reading the catalogs takes AccessShareLock on catalog tables, and {@code pg_get_viewdef} takes
 * AccessShareLock on the tables views read; these are held to the end of the transaction, so observers of
 * {@code pg_locks} should ignore AccessShareLock.
 */
public final class PostgresInspector {

    private PostgresInspector() {
    }

    public static Catalog inspect(Connection connection) throws SQLException {
        return inspect(connection, RelationScope.ALL, Catalog.empty(), List.of());
    }

    /**
     * Reads the relations in {@code scope} (tables, views, materialized views and their members) and everything that
     * is not a relation; the relations out of scope are taken as they are from {@code kept}. With
     * {@link RelationScope#ALL} this is a whole inspection and {@code kept} is not used.
     *
     * @param extra more readers to run in the same round trip (the caller reads their results)
     */
    static Catalog inspect(Connection connection, RelationScope scope, Catalog kept, List<CatalogReader> extra)
            throws SQLException {
        // The driver knows the version from the connection's start-up; asking costs no round trip.
        int serverMajor = connection.getMetaData().getDatabaseMajorVersion();
        SchemaReader schemaReader = new SchemaReader();
        RelationReader relationReader = new RelationReader(scope);
        ColumnReader columnReader = new ColumnReader(scope);
        IndexReader indexReader = new IndexReader(columnReader, scope);
        ConstraintReader constraintReader = new ConstraintReader(serverMajor, columnReader, scope);
        TriggerReader triggerReader = new TriggerReader(scope);
        SequenceReader sequenceReader = new SequenceReader();
        EnumReader enumReader = new EnumReader();
        FunctionReader functionReader = new FunctionReader();
        List<CatalogReader> readers = new ArrayList<>(List.of(schemaReader, relationReader, columnReader, indexReader,
                constraintReader, triggerReader, sequenceReader, enumReader, functionReader));
        readers.addAll(extra);
        CatalogQuery.run(connection, readers);

        Map<Long, List<Column>> columns = columnReader.columns();
        Map<Long, List<Index>> indexes = indexReader.indexes();
        Map<Long, ConstraintReader.TableConstraints> constraints = constraintReader.constraints();
        Map<Long, List<Trigger>> triggers = triggerReader.triggers();
        Map<Long, List<Table>> tables = new HashMap<>();
        Map<Long, List<View>> views = new HashMap<>();
        Map<Long, List<MaterializedView>> materializedViews = new HashMap<>();
        for (RelationReader.Row r : relationReader.relations()) {
            List<Column> cols = columns.getOrDefault(r.oid(), List.of());
            switch (r.kind()) {
                case 'v' -> views.computeIfAbsent(r.schemaOid(), k -> new ArrayList<>()).add(new View(r.oid(),
                        r.schema(), r.name(), r.definition(), r.fingerprint(), cols,
                        triggers.getOrDefault(r.oid(), List.of())));
                case 'm' -> materializedViews.computeIfAbsent(r.schemaOid(), k -> new ArrayList<>())
                        .add(new MaterializedView(r.oid(), r.relfilenode(), r.schema(), r.name(), r.populated(),
                                r.definition(), cols, indexes.getOrDefault(r.oid(), List.of())));
                default -> tables.computeIfAbsent(r.schemaOid(), k -> new ArrayList<>())
                        .add(table(r, cols, constraints.getOrDefault(r.oid(), new ConstraintReader.TableConstraints()),
                                indexes.getOrDefault(r.oid(), List.of()), triggers.getOrDefault(r.oid(), List.of())));
            }
        }
        if (!scope.all()) {
            keepOutOfScope(kept, scope, tables, views, materializedViews);
        }

        List<Schema> schemas = new ArrayList<>();
        for (SchemaReader.Row s : schemaReader.schemas()) {
            schemas.add(new Schema(s.oid(), s.name(),
                    tables.getOrDefault(s.oid(), List.of()),
                    views.getOrDefault(s.oid(), List.of()),
                    materializedViews.getOrDefault(s.oid(), List.of()),
                    sequenceReader.sequences().getOrDefault(s.oid(), List.of()),
                    enumReader.enums().getOrDefault(s.oid(), List.of()),
                    functionReader.functions().getOrDefault(s.oid(), List.of())));
        }
        return new Catalog(schemas);
    }

    /** Adds the relations of {@code kept} that the scope left out, each list then by name as the queries sort. */
    private static void keepOutOfScope(Catalog kept, RelationScope scope, Map<Long, List<Table>> tables,
                                       Map<Long, List<View>> views, Map<Long, List<MaterializedView>> materializedViews) {
        for (Schema schema : kept.schemas()) {
            for (Table t : schema.tables()) {
                if (!scope.oids().contains(t.oid())) {
                    tables.computeIfAbsent(schema.oid(), k -> new ArrayList<>()).add(t);
                }
            }
            for (View v : schema.views()) {
                if (!scope.oids().contains(v.oid())) {
                    views.computeIfAbsent(schema.oid(), k -> new ArrayList<>()).add(v);
                }
            }
            for (MaterializedView v : schema.materializedViews()) {
                if (!scope.oids().contains(v.oid())) {
                    materializedViews.computeIfAbsent(schema.oid(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        tables.values().forEach(list -> list.sort(Comparator.comparing(Table::name, PostgresInspector::byCodePoint)));
        views.values().forEach(list -> list.sort(Comparator.comparing(View::name, PostgresInspector::byCodePoint)));
        materializedViews.values().forEach(list -> list.sort(Comparator.comparing(MaterializedView::name,
                PostgresInspector::byCodePoint)));
    }

    /** The order of {@code ORDER BY relname}: the {@code name} type sorts by UTF-8 bytes, that is by code point. */
    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static Table table(RelationReader.Row r, List<Column> columns, ConstraintReader.TableConstraints c,
            List<Index> indexes, List<Trigger> triggers) {
        Table.Kind kind = switch (r.kind()) {
            case 'p' -> Table.Kind.PARTITIONED;
            case 'f' -> Table.Kind.FOREIGN;
            default -> Table.Kind.TABLE;
        };
        Table.PartitionOf partitionOf = r.parentOid() == 0 ? null : new Table.PartitionOf(r.parentOid(),
                new QualifiedName(r.parentSchema(), r.parentName()), r.partitionBound());
        return new Table(r.oid(), r.relfilenode(), r.schema(), r.name(), kind, r.unlogged(), r.partitionKey(),
                partitionOf, columns, c.primaryKey, c.uniques, c.foreignKeys, c.checks, indexes, triggers, r.comment(),
                List.of());
    }
}
