package io.schemagate.core.replay;

import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.sql.Statement;
import java.util.List;

/**
 * One statement of a new file, run and inspected.
 *
 * <p>The schemas before and after are not kept: with a thousand tables, holding two per statement costs hundreds
 * of megabytes. Analyzers that need them get them while the replay runs.
 *
 * @param statement the statement
 * @param changes   what it changed
 */
public record StatementRun(Statement statement, List<SchemaChange> changes) {
    public StatementRun {
        changes = List.copyOf(changes);
    }
}
