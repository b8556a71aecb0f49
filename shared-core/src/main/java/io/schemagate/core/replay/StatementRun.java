package io.schemagate.core.replay;

import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * One statement of a new file, run and inspected.
 *
 * <p>The schemas before and after are not kept: with a thousand tables, holding two per statement costs hundreds
 * of megabytes. Analyzers that need them get them while the replay runs.
 *
 * @param statement    the statement
 * @param changes      what it changed
 * @param observations what the dialect's {@link StatementProbe} saw on the dev database around it
 * @param elapsed      how long it ran on the dev database (zero where not measured)
 */
public record StatementRun(Statement statement, List<SchemaChange> changes, List<Observation> observations,
                           Duration elapsed) {
    public StatementRun {
        changes = List.copyOf(changes);
        observations = List.copyOf(observations);
    }

    public StatementRun(Statement statement, List<SchemaChange> changes, List<Observation> observations) {
        this(statement, changes, observations, Duration.ZERO);
    }

    public StatementRun(Statement statement, List<SchemaChange> changes) {
        this(statement, changes, List.of());
    }

    /** The observations of one kind. */
    public <T extends Observation> List<T> observed(Class<T> kind) {
        return observations.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
