package io.schemagate.core.replay;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a database said when it refused a statement, read from its driver's exception.
 *
 * @param message  the server's message without driver decoration
 * @param position 1-based character position within the statement, 0 when the server gave none
 * @param sqlState the SQLSTATE, empty when the driver gave none
 */
record ServerError(String message, int position, String sqlState) {

    /** query_canceled: a statement or lock timeout, or a cancel request. */
    static final String QUERY_CANCELED = "57014";
    /** admin_shutdown: the backend was terminated. */
    static final String ADMIN_SHUTDOWN = "57P01";
    static final String INSUFFICIENT_PRIVILEGE = "42501";

    static ServerError from(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            String message = server.getMessage() != null ? server.getMessage() : String.valueOf(p.getMessage());
            return new ServerError(message.strip(), server.getPosition(), state);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return new ServerError(message, 0, state);
    }

    /** A statement stopped for running too long, by the server's timeout or schemagate's watchdog. */
    boolean stopped() {
        return sqlState.equals(QUERY_CANCELED) || sqlState.equals(ADMIN_SHUTDOWN);
    }

    /** The message with what a user needs to know about why it happened on the dev database. */
    String explained() {
        if (sqlState.equals(QUERY_CANCELED) && message.contains("user request")) {
            return message + " (schemagate stopped it: it ran longer than --statement-timeout)";
        }
        if (sqlState.equals(ADMIN_SHUTDOWN)) {
            return message + " (schemagate ended the session: the statement ran longer than --statement-timeout and"
                    + " ignored the cancel)";
        }
        if (sqlState.equals(INSUFFICIENT_PRIVILEGE)) {
            return message + (message.contains("extension")
                    ? " (migrations replay as an unprivileged owner of the dev database: trusted extensions work, others"
                    + " need a dev database that has them already, or --dev-privileged; see README, Security model)"
                    : " (migrations replay as an unprivileged owner of the dev database; statements that need a superuser"
                    + " or reach outside the dev database are refused on purpose; see README, Security model)");
        }
        return message;
    }
}
