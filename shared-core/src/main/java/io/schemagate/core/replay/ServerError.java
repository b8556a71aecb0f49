package io.schemagate.core.replay;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a database said when it refused a statement, read from its driver's exception.
 *
 * @param message  the server's message without driver decoration
 * @param position 1-based character position within the statement, 0 when the server gave none
 */
record ServerError(String message, int position) {

    static ServerError from(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            String message = server.getMessage() != null ? server.getMessage() : String.valueOf(p.getMessage());
            return new ServerError(message.strip(), server.getPosition());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return new ServerError(message, 0);
    }
}
