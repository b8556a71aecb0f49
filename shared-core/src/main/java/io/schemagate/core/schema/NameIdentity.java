package io.schemagate.core.schema;

import java.util.List;

/**
 * A catalog whose objects are known by name only, for comparing two different databases (a directory's end state
 * and a desired schema). Oids, storage files and column positions identify objects within one database; between two
 * they mean nothing, so they are cleared and {@link SchemaDiff} pairs objects by name: a renamed object reads as a
 * drop and an add, never as a guess. Digests that embed oids (view rules, trigger functions) are cleared too, so
 * their definitions are compared instead.
 */
public final class NameIdentity {
    private NameIdentity() {
    }

    public static Catalog of(Catalog catalog) {
        return new Catalog(catalog.schemas().stream().map(NameIdentity::schema).toList());
    }

    private static Schema schema(Schema s) {
        return new Schema(0, s.name(), s.tables().stream().map(NameIdentity::table).toList(),
                s.views().stream().map(NameIdentity::view).toList(),
                s.materializedViews().stream().map(NameIdentity::materializedView).toList(),
                s.sequences().stream().map(q -> new Sequence(0, q.schema(), q.name(), q.type(), q.start(), q.increment(),
                        q.min(), q.max(), q.cache(), q.cycle(), q.ownedBy())).toList(),
                s.enums().stream().map(e -> new EnumType(0, e.schema(), e.name(), e.values())).toList(),
                s.functions().stream().map(f -> new Function(0, f.schema(), f.name(), f.arguments(), f.result(),
                        f.kind(), f.language(), f.volatility(), f.fingerprint())).toList());
    }

    private static Table table(Table t) {
        Table.PartitionOf partitionOf = t.partitionOf() == null ? null
                : new Table.PartitionOf(0, t.partitionOf().parent(), t.partitionOf().bound());
        return new Table(0, 0, t.schema(), t.name(), t.kind(), t.unlogged(), t.partitionKey(), partitionOf,
                columns(t.columns()),
                t.primaryKey() == null ? null : new PrimaryKey(0, t.primaryKey().name(), t.primaryKey().columns(), 0,
                        t.primaryKey().definition()),
                t.uniques().stream().map(u -> new UniqueConstraint(0, u.name(), u.columns(), 0, u.deferrable(),
                        u.definition())).toList(),
                t.foreignKeys().stream().map(f -> new ForeignKey(0, f.name(), f.columns(), f.referencedTable(),
                        f.referencedColumns(), f.onUpdate(), f.onDelete(), f.deferrable(), f.initiallyDeferred(),
                        f.validated(), f.enforced(), f.definition())).toList(),
                t.checks().stream().map(c -> new Check(0, c.name(), c.expression(), c.columns(), c.validated(),
                        c.noInherit(), c.enforced(), c.definition())).toList(),
                indexes(t.indexes()), triggers(t.triggers()), t.comment(),
                t.options());
    }

    private static View view(View v) {
        return new View(0, v.schema(), v.name(), v.definition(), null, columns(v.columns()), triggers(v.triggers()));
    }

    private static MaterializedView materializedView(MaterializedView v) {
        return new MaterializedView(0, 0, v.schema(), v.name(), v.populated(), v.definition(), columns(v.columns()),
                indexes(v.indexes()));
    }

    private static List<Column> columns(List<Column> columns) {
        return columns.stream().map(c -> new Column(0, c.name(), c.type(), c.notNull(), c.defaultExpression(),
                c.identity(), c.generated(), c.generationExpression(), c.collation(), c.comment(), c.onUpdate())).toList();
    }

    private static List<Index> indexes(List<Index> indexes) {
        return indexes.stream().map(i -> new Index(0, 0, i.name(), i.unique(), i.primary(), i.valid(), i.method(),
                i.parts(), i.include(), i.predicate(), i.definition(), i.constraint())).toList();
    }

    private static List<Trigger> triggers(List<Trigger> triggers) {
        return triggers.stream().map(t -> new Trigger(0, t.name(), t.function(), t.definition(), t.enabled(), null))
                .toList();
    }
}
