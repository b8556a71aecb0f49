package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.MysqlUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * Connections to a MySQL or MariaDB server through the MariaDB driver (it speaks to both), set up for hostile SQL:
 * {@code LOAD DATA LOCAL INFILE} cannot read the runner's files, one statement per query, and every wait bounded.
 */
final class MysqlConnections {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A statement the server did not stop (MySQL has no DDL timeout) still ends the session after this long. */
    private static final Duration SILENCE_MARGIN = Duration.ofSeconds(30);
    private static final Driver DRIVER = new Driver();

    private MysqlConnections() {
    }

    /**
     * @param database  the session's default database, or null for none
     * @param statement the longest a statement may run before the driver gives up on the session, or null for the
     *                  housekeeping sessions (which then wait at most the connect timeout plus a margin)
     */
    static Connection open(MysqlUrl url, String database, Duration statement) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", url.user());
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        String connectTimeout = url.parameters().get("connect_timeout");
        p.setProperty("connectTimeout", String.valueOf(connectTimeout != null
                ? Long.parseLong(connectTimeout) * 1000 : CONNECT_TIMEOUT.toMillis()));
        Duration silence = (statement == null ? CONNECT_TIMEOUT : statement).plus(SILENCE_MARGIN);
        p.setProperty("socketTimeout", String.valueOf(silence.toMillis()));
        p.setProperty("allowLocalInfile", "false");
        p.setProperty("allowMultiQueries", "false");
        p.setProperty("permitMysqlScheme", "true");
        p.setProperty("sslMode", url.parameters().getOrDefault("sslmode", "disable"));
        String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
        String jdbc = "jdbc:mariadb://" + host + ":" + url.port() + "/" + (database == null ? "" : database);
        Connection c = DRIVER.connect(jdbc, p);
        if (c == null) {
            throw new SQLException("the MariaDB driver refused " + url.masked());
        }
        return c;
    }

    /** The driver's message on one line, without the password and without the driver's own prefixes. */
    static String reason(MysqlUrl url, SQLException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? root.toString() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + ": " + root.getMessage();
        }
        message = message.replaceAll("^\\(conn=\\d+\\) ", "").replaceAll("\\s+", " ").strip();
        if (url.password() != null && url.password().length() >= 4) {
            message = message.replace(url.password(), "****");
        }
        return message;
    }
}
