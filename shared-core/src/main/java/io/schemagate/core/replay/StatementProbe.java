package io.schemagate.core.replay;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Looks at the dev database around a statement of a new file, for facts its schema changes do not show (how MySQL
 * would run an ALTER, which locks a statement took). It must leave the database as it found it.
 */
@FunctionalInterface
public interface StatementProbe {
    StatementProbe NONE = (connection, statement, before) -> List.of();

    /** Just before {@code statement} runs; {@code before} is the schema then. */
    List<Observation> before(Connection connection, Statement statement, Catalog before) throws SQLException;

    /**
     * Just after {@code statement} succeeded, before anything else runs in its transaction (the schema's inspection
     * included); {@code inTransaction} is false when the statement ran on its own and has committed.
     */
    default List<Observation> after(Connection connection, Statement statement, boolean inTransaction)
            throws SQLException {
        return List.of();
    }
}
