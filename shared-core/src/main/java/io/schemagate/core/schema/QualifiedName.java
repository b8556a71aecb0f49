package io.schemagate.core.schema;

/**
 * A schema-qualified object name, e.g. the table a column, index or trigger belongs to.
 *
 * @param schema the schema's name; {@code ""} for the dev database's own namespace where the dialect has no schemas
 *               (MySQL's current database, SQLite's main database)
 * @param name   the object's name within it
 */
public record QualifiedName(String schema, String name) {

    /** {@code schema.name}, unquoted: the form reports show; just {@code name} in the own namespace. */
    @Override
    public String toString() {
        return schema.isEmpty() ? name : schema + "." + name;
    }

    /** {@code schema.name.member}, e.g. a column of this table. */
    public String member(String member) {
        return this + "." + member;
    }
}
