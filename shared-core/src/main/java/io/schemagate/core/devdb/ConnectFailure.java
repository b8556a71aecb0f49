package io.schemagate.core.devdb;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Says in a few words why talking to a dev database server failed. pgjdbc's own messages never hold the password;
 * anything that might (a server echoing text back) is scrubbed all the same.
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    /** {@code cannot connect to postgres://ci:****@db:5432/app: connection refused (…)}. */
    static DevDatabaseException connecting(PostgresUrl target, SQLException e) {
        return new DevDatabaseException("cannot connect to " + target.masked() + ": " + reason(target, e), e);
    }

    /** A failure after the login, while preparing or checking the dev database. */
    static DevDatabaseException working(String what, PostgresUrl target, SQLException e) {
        return new DevDatabaseException(what + " on " + target.masked() + ": " + reason(target, e), e);
    }

    static String reason(PostgresUrl target, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = rootCause(e);
        String where = UrlText.host(target.host()) + ":" + target.port();
        String reason;
        if (root instanceof UnknownHostException) {
            reason = "unknown host " + target.host();
        } else if (root instanceof ConnectException) {
            reason = "connection refused at " + where + " (is the server running and listening on TCP?)";
        } else if (root instanceof NoRouteToHostException) {
            reason = "no route to " + where;
        } else if (root instanceof SocketTimeoutException) {
            reason = "no answer from " + where + " in time";
        } else if (state.equals("28P01")) {
            reason = "password authentication failed for user " + target.user();
        } else if (state.equals("3D000")) {
            reason = "database " + target.database() + " does not exist";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return scrub(OneLine.of(reason), PgSession.password(target));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Replaces the password wherever it appears; a password of one or two characters would mangle any text. */
    static String scrub(String text, String password) {
        if (password == null || password.length() < 3) {
            return text;
        }
        return text.replace(password, "****");
    }
}
