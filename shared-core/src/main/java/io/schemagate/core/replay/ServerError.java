package io.schemagate.core.replay;

import io.schemagate.core.devdb.ScratchName;
import java.sql.SQLException;
import java.util.regex.Pattern;
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
    /** MySQL's and MariaDB's ER_QUERY_INTERRUPTED: KILL QUERY ended the statement (schemagate's watchdog). */
    static final String MYSQL_INTERRUPTED = "70100";
    private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn=\\d+\\)\\s*");
    private static final Pattern SCRATCH_QUALIFIER = Pattern.compile("`?" + ScratchName.PREFIX + "[a-z0-9]{10}`?\\.");
    /** The scratch name anywhere else: MySQL's replay user is named after its database ({@code 'sg_dev_x1y2'@'host'}). */
    private static final Pattern SCRATCH_NAME = Pattern.compile(ScratchName.PREFIX + "[a-z0-9]{10}\\b");

    static ServerError from(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            String message = server.getMessage() != null ? server.getMessage() : String.valueOf(p.getMessage());
            return new ServerError(message.strip(), server.getPosition(), state);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return new ServerError(unqualified(message), 0, state);
    }

    /**
     * The message without the MariaDB driver's {@code (conn=N)} prefix and without the scratch database's random name
     * qualifying objects ({@code Table 'sg_dev_x1y2.users' doesn't exist}), so the same failure reads the same on every
     * run (pull-request comments are matched by text); elsewhere the random part reads {@code sg_dev_*}.
     */
    static String unqualified(String message) {
        String unprefixed = CONNECTION_PREFIX.matcher(message).replaceFirst("");
        return SCRATCH_NAME.matcher(SCRATCH_QUALIFIER.matcher(unprefixed).replaceAll(""))
                .replaceAll(ScratchName.PREFIX + "*");
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
        if (sqlState.equals(MYSQL_INTERRUPTED)) {
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
