package io.schemagate.core.schema;

import java.util.List;

/**
 * A UNIQUE constraint (a unique index without a constraint is an {@link Index} with {@code unique} set).
 *
 * @param indexOid the index enforcing it; when that index existed before the statement that added the constraint,
 *                 it was added {@code USING INDEX} (0 when the dialect has none)
 */
public record UniqueConstraint(long oid, String name, List<String> columns, long indexOid, boolean deferrable,
                               String definition) implements Constraint {

    public UniqueConstraint {
        columns = List.copyOf(columns);
    }
}
