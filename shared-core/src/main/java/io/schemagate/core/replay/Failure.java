package io.schemagate.core.replay;

import io.schemagate.core.sql.Statement;
import io.schemagate.core.text.Position;

/**
 * A statement the dev database refused.
 *
 * @param statement the statement
 * @param position  where: the statement's start, refined by the server's error position when it reports one
 * @param message   the database's message, e.g. {@code relation "users" does not exist}
 */
public record Failure(Statement statement, Position position, String message) {
}
