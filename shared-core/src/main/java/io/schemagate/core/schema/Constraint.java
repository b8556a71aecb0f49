package io.schemagate.core.schema;

import java.util.List;

/** A table constraint the model knows: primary key, unique, foreign key or check. */
public sealed interface Constraint permits PrimaryKey, UniqueConstraint, ForeignKey, Check {

    /** Identity (PostgreSQL {@code pg_constraint.oid}; 0 when the dialect has none). */
    long oid();

    String name();

    /** The constrained columns, in constraint order. */
    List<String> columns();

    /** The full definition as the database formats it, e.g. {@code FOREIGN KEY (a) REFERENCES b(id) NOT VALID}. */
    String definition();

    /** False while a constraint added NOT VALID has not been validated. Primary keys and uniques are always valid. */
    default boolean validated() {
        return true;
    }
}
