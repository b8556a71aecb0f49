package io.schemagate.core.replay;

import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.schema.Catalog;
import java.util.List;
import java.util.Optional;

/**
 * A new file replayed statement by statement.
 *
 * @param script     the file
 * @param before     the schema before the file ran: what "pre-existing" means for its analyzers
 * @param statements the statements that ran, in order, each with its changes
 * @param failure    the statement that failed, after which the file stopped; {@code null} when all ran
 */
public record FileRun(MigrationScript script, Catalog before, List<StatementRun> statements, Failure failure) {
    public FileRun {
        statements = List.copyOf(statements);
    }

    public Optional<Failure> failed() {
        return Optional.ofNullable(failure);
    }
}
