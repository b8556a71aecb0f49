package io.schemagate.core.migrate;

import io.schemagate.core.sql.Statement;
import java.util.List;

/**
 * A part of a file that runs as one unit, split into statements.
 *
 * @param name       {@code file}, {@code up}, or a Liquibase changeset id
 * @param txMode     the transaction mode it runs in
 * @param statements in order, with positions in the original file
 */
public record Section(String name, TxMode txMode, List<Statement> statements) {
    public Section {
        statements = List.copyOf(statements);
    }
}
