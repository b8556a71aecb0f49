package io.schemagate.core.replay;

import io.schemagate.core.sql.Statement;
import io.schemagate.core.text.Position;

/**
 * A statement the dev database refused.
 *
 * @param statement the statement
 * @param position  where: the statement's start, refined by the server's error position when it reports one
 * @param message   the database's message, e.g. {@code relation "users" does not exist}
 * @param sqlState  the database's SQLSTATE for it ({@code 25001}, …), empty when it gave none
 */
public record Failure(Statement statement, Position position, String message, String sqlState) {
    /** PostgreSQL's active_sql_transaction: the statement cannot run inside a transaction block. */
    public static final String IN_TRANSACTION = "25001";
    /** PostgreSQL's unsafe_new_enum_value_usage: an enum value added in this transaction is used in it. */
    public static final String NEW_ENUM_VALUE = "55P04";
}
