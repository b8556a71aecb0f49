package io.schemagate.core.schema;

/**
 * A sequence that is an object of its own: created by CREATE SEQUENCE or by a {@code serial} column. The sequences
 * behind identity columns belong to their column and are not listed.
 *
 * @param type    e.g. {@code bigint}
 * @param ownedBy {@code schema.table.column} for {@code OWNED BY} (serial columns), else null; informational only,
 *                the differ does not compare it (a table rename would otherwise show up here as well)
 */
public record Sequence(long oid, String schema, String name, String type, long start, long increment, long min,
                       long max, long cache, boolean cycle, String ownedBy) {

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
