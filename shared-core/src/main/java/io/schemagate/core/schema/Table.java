package io.schemagate.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table: an ordinary one, a partitioned parent, a partition or a foreign table.
 *
 * @param oid          identity (PostgreSQL {@code pg_class.oid}; 0 when the dialect has none)
 * @param relfilenode  the storage file (PostgreSQL {@code pg_class.relfilenode}); a different value for the same
 *                     {@code oid} means the statement rewrote the table. 0 for tables without storage
 *                     (partitioned parents, foreign tables) and for dialects without the notion
 * @param schema       the schema's name
 * @param kind         ordinary, partitioned or foreign
 * @param unlogged     PostgreSQL {@code UNLOGGED}
 * @param partitionKey the partition key as the database formats it (e.g. {@code RANGE (created_at)}) when
 *                     {@code kind} is {@link Kind#PARTITIONED}, else null
 * @param partitionOf  the parent and bound when this table is a partition, else null
 * @param columns      by position ({@code attnum})
 * @param primaryKey   null when the table has none
 * @param uniques      unique constraints, by name (unique indexes without a constraint are only in {@code indexes})
 * @param foreignKeys  by name
 * @param checks       by name
 * @param indexes      every index of the table, by name, including the ones behind the primary key and unique
 *                     constraints ({@link Index#constraint()} names those)
 * @param triggers     user triggers, by name
 * @param comment      the table's comment ({@code COMMENT ON TABLE}, MySQL's {@code COMMENT=…}), else null
 * @param options      how the table stores its rows where the dialect lets a table choose, as the dialect spells it:
 *                     SQLite's {@code AUTOINCREMENT} (on its INTEGER PRIMARY KEY), {@code WITHOUT ROWID} and
 *                     {@code STRICT}, in that order; empty for the default
 */
public record Table(long oid, long relfilenode, String schema, String name, Kind kind, boolean unlogged,
                    String partitionKey, PartitionOf partitionOf, List<Column> columns, PrimaryKey primaryKey,
                    List<UniqueConstraint> uniques, List<ForeignKey> foreignKeys, List<Check> checks,
                    List<Index> indexes, List<Trigger> triggers, String comment, List<String> options) {

    public enum Kind {
        TABLE, PARTITIONED, FOREIGN
    }

    /**
     * What makes a table a partition.
     *
     * @param parentOid the parent's identity, compared by the differ (0 when the dialect has none)
     * @param parent    the parent's name, for reading
     * @param bound     e.g. {@code FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')}, or {@code DEFAULT}
     */
    public record PartitionOf(long parentOid, QualifiedName parent, String bound) {
    }

    public Table {
        columns = List.copyOf(columns);
        uniques = List.copyOf(uniques);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
        indexes = List.copyOf(indexes);
        triggers = List.copyOf(triggers);
        options = List.copyOf(options);
    }

    /** A table without a comment or options. */
    public Table(long oid, long relfilenode, String schema, String name, Kind kind, boolean unlogged,
                 String partitionKey, PartitionOf partitionOf, List<Column> columns, PrimaryKey primaryKey,
                 List<UniqueConstraint> uniques, List<ForeignKey> foreignKeys, List<Check> checks,
                 List<Index> indexes, List<Trigger> triggers) {
        this(oid, relfilenode, schema, name, kind, unlogged, partitionKey, partitionOf, columns, primaryKey, uniques,
                foreignKeys, checks, indexes, triggers, null, List.of());
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<Index> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** Every constraint of the table: primary key, uniques, foreign keys, checks. */
    public List<Constraint> constraints() {
        List<Constraint> all = new ArrayList<>();
        if (primaryKey != null) {
            all.add(primaryKey);
        }
        all.addAll(uniques);
        all.addAll(foreignKeys);
        all.addAll(checks);
        return List.copyOf(all);
    }
}
