package io.schemagate.core.replay;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.sql.Statement;
import java.util.List;

/**
 * One statement of a new file, run and inspected.
 *
 * @param statement the statement
 * @param before    the schema before it
 * @param after     the schema after it
 * @param changes   what it changed, from {@code before} to {@code after}
 */
public record StatementRun(Statement statement, Catalog before, Catalog after, List<SchemaChange> changes) {
    public StatementRun {
        changes = List.copyOf(changes);
    }
}
