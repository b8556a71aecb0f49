package io.schemagate.core.schema;

import java.util.List;

/** Small builders for hand-made catalogs: only what a diff test varies is a parameter. */
final class Fixtures {

    private Fixtures() {
    }

    static Catalog catalog(Schema... schemas) {
        return new Catalog(List.of(schemas));
    }

    static Schema schema(long oid, String name, Table... tables) {
        return new Schema(oid, name, List.of(tables), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    static Table table(long oid, String schema, String name, Column... columns) {
        return new Table(oid, oid, schema, name, Table.Kind.TABLE, false, null, null, List.of(columns), null,
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    static Table withRelfilenode(Table t, long relfilenode) {
        return new Table(t.oid(), relfilenode, t.schema(), t.name(), t.kind(), t.unlogged(), t.partitionKey(),
                t.partitionOf(), t.columns(), t.primaryKey(), t.uniques(), t.foreignKeys(), t.checks(), t.indexes(),
                t.triggers());
    }

    static Table withIndexes(Table t, Index... indexes) {
        return new Table(t.oid(), t.relfilenode(), t.schema(), t.name(), t.kind(), t.unlogged(), t.partitionKey(),
                t.partitionOf(), t.columns(), t.primaryKey(), t.uniques(), t.foreignKeys(), t.checks(),
                List.of(indexes), t.triggers());
    }

    static Table withPrimaryKey(Table t, PrimaryKey key) {
        return new Table(t.oid(), t.relfilenode(), t.schema(), t.name(), t.kind(), t.unlogged(), t.partitionKey(),
                t.partitionOf(), t.columns(), key, t.uniques(), t.foreignKeys(), t.checks(), t.indexes(),
                t.triggers());
    }

    static Table withChecks(Table t, Check... checks) {
        return new Table(t.oid(), t.relfilenode(), t.schema(), t.name(), t.kind(), t.unlogged(), t.partitionKey(),
                t.partitionOf(), t.columns(), t.primaryKey(), t.uniques(), t.foreignKeys(), List.of(checks),
                t.indexes(), t.triggers());
    }

    static Column column(int attnum, String name, String type) {
        return Column.of(attnum, name, type, false);
    }

    static Index index(long oid, long relfilenode, String name, String column, String constraint) {
        return new Index(oid, relfilenode, name, constraint != null, false, true, "btree",
                List.of(IndexPart.column(column)), List.of(), null,
                "CREATE INDEX " + name + " ON t USING btree (" + column + ")", constraint);
    }

    static Check check(long oid, String name, String expression, boolean validated) {
        return new Check(oid, name, expression, List.of(), validated, false, true,
                "CHECK " + expression + (validated ? "" : " NOT VALID"));
    }

    static List<String> lines(List<SchemaChange> changes) {
        return changes.stream().map(c -> c.kind() + " " + c.object()).toList();
    }
}
