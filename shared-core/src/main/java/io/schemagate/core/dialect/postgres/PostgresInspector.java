package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.MaterializedView;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.Sequence;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
        return inspect(connection, List.of(), new SavedSearchPath());
    }

    /**
     * A whole inspection.
     *
     * @param extra more readers to run in the same round trip (the caller reads their results)
     */
    static Catalog inspect(Connection connection, List<CatalogReader> extra, SavedSearchPath path)
            throws SQLException {
        RelationReaders relations = new RelationReaders(connection, RelationScope.ALL);
        SchemaReader schemaReader = new SchemaReader();
        EnumReader enumReader = new EnumReader();
        FunctionReader functionReader = new FunctionReader();
        List<CatalogReader> readers = new ArrayList<>(List.of(schemaReader));
        readers.addAll(relations.readers());
        readers.addAll(List.of(enumReader, functionReader));
        readers.addAll(extra);
        CatalogQuery.run(connection, readers, path);

        Map<Long, Members> bySchema = relations.bySchema();
        List<Schema> schemas = new ArrayList<>();
        for (SchemaReader.Row s : schemaReader.schemas()) {
            Members m = bySchema.getOrDefault(s.oid(), new Members());
            schemas.add(new Schema(s.oid(), s.name(), m.tables, m.views, m.materializedViews, m.sequences,
                    enumReader.enums().getOrDefault(s.oid(), List.of()),
                    functionReader.functions().getOrDefault(s.oid(), List.of())));
        }
        return new Catalog(schemas);
    }

    /**
     * Reads the relations in {@code scope} (tables, views, materialized views and their members, sequences) again and
     * keeps everything else from {@code kept}: the relations out of scope, and the schemas, enums and functions, which
     * the caller knows to be unchanged (functions are read again when {@code functions} is set). Empty when a relation
     * read belongs to a schema {@code kept} does not have (the caller then inspects the whole catalog).
     *
     * @param extra more readers to run in the same round trip (the caller reads their results)
     */
    static Optional<Catalog> inspect(Connection connection, RelationScope scope, Catalog kept, boolean functions,
                                     List<CatalogReader> extra, SavedSearchPath path) throws SQLException {
        RelationReaders relations = new RelationReaders(connection, scope);
        FunctionReader functionReader = functions ? new FunctionReader() : null;
        List<CatalogReader> readers = new ArrayList<>(relations.readers());
        if (functionReader != null) {
            readers.add(functionReader);
        }
        readers.addAll(extra);
        CatalogQuery.run(connection, readers, path);

        Map<Long, Members> read = relations.bySchema();
        List<Schema> schemas = new ArrayList<>();
        for (Schema schema : kept.schemas()) {
            Members m = read.remove(schema.oid());
            if (m == null) {
                m = new Members();
            }
            List<Table> tables = ScopedList.merge(schema.tables(), m.tables, scope::contains, Table::oid, Table::name);
            List<View> views = ScopedList.merge(schema.views(), m.views, scope::contains, View::oid, View::name);
            List<MaterializedView> materializedViews = ScopedList.merge(schema.materializedViews(),
                    m.materializedViews, scope::contains, MaterializedView::oid, MaterializedView::name);
            List<Sequence> sequences = ScopedList.merge(schema.sequences(), m.sequences, scope::contains, Sequence::oid,
                    Sequence::name);
            List<io.schemagate.core.schema.Function> functionList = functionReader == null ? schema.functions()
                    : functionReader.functions().getOrDefault(schema.oid(), List.of());
            boolean same = tables == schema.tables() && views == schema.views()
                    && materializedViews == schema.materializedViews() && sequences == schema.sequences()
                    && functionList.equals(schema.functions());
            // An untouched schema stays the same object: the differ skips it by identity.
            schemas.add(same ? schema : new Schema(schema.oid(), schema.name(), tables, views, materializedViews,
                    sequences, schema.enums(), functionList));
        }
        if (!read.isEmpty() || functionReader != null && !kept.schemas().stream().map(Schema::oid)
                .collect(Collectors.toSet()).containsAll(functionReader.functions().keySet())) {
            return Optional.empty(); // a schema the catalog kept does not know: it changed after all
        }
        return Optional.of(new Catalog(schemas));
    }

    /** What the relation readers found in one schema, each list by name. */
    private static final class Members {
        final List<Table> tables = new ArrayList<>();
        final List<View> views = new ArrayList<>();
        final List<MaterializedView> materializedViews = new ArrayList<>();
        final List<Sequence> sequences = new ArrayList<>();
    }

    /** The readers of relations and their members, narrowed to one scope, and the model they make together. */
    private static final class RelationReaders {
        private final RelationReader relationReader;
        private final ColumnReader columnReader;
        private final IndexReader indexReader;
        private final ConstraintReader constraintReader;
        private final TriggerReader triggerReader;
        private final SequenceReader sequenceReader;

        RelationReaders(Connection connection, RelationScope scope) throws SQLException {
            // The driver knows the version from the connection's start-up; asking costs no round trip.
            int serverMajor = connection.getMetaData().getDatabaseMajorVersion();
            relationReader = new RelationReader(scope);
            columnReader = new ColumnReader(scope);
            indexReader = new IndexReader(columnReader, scope);
            constraintReader = new ConstraintReader(serverMajor, columnReader, scope);
            triggerReader = new TriggerReader(scope);
            sequenceReader = new SequenceReader(scope);
        }

        /** In the order they must run: indexes and constraints name columns the column reader read. */
        List<CatalogReader> readers() {
            return List.of(relationReader, columnReader, indexReader, constraintReader, triggerReader, sequenceReader);
        }

        /** The relations read, by schema oid. */
        Map<Long, Members> bySchema() {
            Map<Long, List<Column>> columns = columnReader.columns();
            Map<Long, List<Index>> indexes = indexReader.indexes();
            Map<Long, ConstraintReader.TableConstraints> constraints = constraintReader.constraints();
            Map<Long, List<Trigger>> triggers = triggerReader.triggers();
            Map<Long, Members> bySchema = new HashMap<>();
            for (RelationReader.Row r : relationReader.relations()) {
                List<Column> cols = columns.getOrDefault(r.oid(), List.of());
                Members m = bySchema.computeIfAbsent(r.schemaOid(), k -> new Members());
                switch (r.kind()) {
                    case 'v' -> m.views.add(new View(r.oid(), r.schema(), r.name(), r.definition(), r.fingerprint(),
                            cols, triggers.getOrDefault(r.oid(), List.of())));
                    case 'm' -> m.materializedViews.add(new MaterializedView(r.oid(), r.relfilenode(), r.schema(),
                            r.name(), r.populated(), r.definition(), cols, indexes.getOrDefault(r.oid(), List.of())));
                    default -> m.tables.add(table(r, cols, constraints.getOrDefault(r.oid(),
                            new ConstraintReader.TableConstraints()), indexes.getOrDefault(r.oid(), List.of()),
                            triggers.getOrDefault(r.oid(), List.of())));
                }
            }
            sequenceReader.sequences().forEach((schema, list) ->
                    bySchema.computeIfAbsent(schema, k -> new Members()).sequences.addAll(list));
            return bySchema;
        }
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
