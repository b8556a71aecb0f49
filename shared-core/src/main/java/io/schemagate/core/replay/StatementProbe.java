package io.schemagate.core.replay;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Looks at the dev database before a statement of a new file runs, for facts its schema changes do not show (how
 * MySQL would run an ALTER). It must leave the database as it found it.
 */
@FunctionalInterface
public interface StatementProbe {
    StatementProbe NONE = (connection, statement, before) -> List.of();

    List<Observation> before(Connection connection, Statement statement, Catalog before) throws SQLException;
}
