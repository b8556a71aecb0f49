package io.schemagate.core.devdb;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/** Opens pgjdbc connections the way every dev database needs them, and sets up the dev session. */
final class PgSession {

    static final String APPLICATION_NAME = "schemagate";
    /** Long enough for a cold CI service, short enough that a wrong host fails the job quickly. */
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    /** Limits on the housekeeping sessions (create, drop, clean): they must not hang an exiting JVM. */
    private static final DevSettings HOUSEKEEPING = new DevSettings(Duration.ofSeconds(30), Duration.ofSeconds(10));

    /** pgjdbc used directly: no DriverManager lookup, which depends on service files surviving shading. */
    private static final Driver DRIVER = new org.postgresql.Driver();

    private PgSession() {
    }

    /** A connection to {@code target}, without session settings. */
    static Connection connect(PostgresUrl target) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        String password = password(target);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        String connectTimeout = target.parameters().getOrDefault("connect_timeout", String.valueOf(DEFAULT_CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("connectTimeout", connectTimeout);
        properties.setProperty("loginTimeout", connectTimeout);
        properties.setProperty("tcpKeepAlive", "true");
        for (String ssl : new String[] {"sslmode", "sslrootcert", "sslcert", "sslkey"}) {
            String value = target.parameters().get(ssl);
            if (value != null) {
                properties.setProperty(ssl, value);
            }
        }
        String url = "jdbc:postgresql://" + UrlText.host(target.host()) + ":" + target.port() + "/"
                + URLEncoder.encode(target.database(), StandardCharsets.UTF_8);
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("pgjdbc did not accept the connection URL");
        }
        return connection;
    }

    /**
     * The URL's password, else {@code PGPASSWORD} as libpq reads it (CI jobs often set it to keep the secret out
     * of URLs); {@code null} lets pgjdbc try {@code ~/.pgpass}.
     */
    static String password(PostgresUrl target) {
        if (target.password() != null) {
            return target.password();
        }
        String environment = System.getenv("PGPASSWORD");
        return environment == null || environment.isEmpty() ? null : environment;
    }

    /** Turns a fresh connection into the dev session. */
    static void configure(Connection connection, DevSettings settings, Optional<String> searchPath) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(
                "SELECT set_config('statement_timeout', ?, false), set_config('lock_timeout', ?, false)")) {
            set.setString(1, settings.statementTimeout().toMillis() + "ms");
            set.setString(2, settings.lockTimeout().toMillis() + "ms");
            set.execute();
        }
        if (searchPath.isPresent()) {
            try (PreparedStatement set = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                set.setString(1, searchPath.get());
                set.execute();
            }
        }
        connection.setAutoCommit(true);
    }

    /** Short limits for a housekeeping connection. */
    static void housekeeping(Connection connection) throws SQLException {
        configure(connection, HOUSEKEEPING, Optional.empty());
    }

    /** {@code server_version_num}, e.g. 160004. */
    static int serverVersionNumber(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** {@code 16.4} from {@code 160004}. */
    static String versionText(int versionNumber) {
        return versionNumber / 10000 + "." + versionNumber % 10000;
    }

    static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Ends a connection that another thread may still be using (the JVM is going down): {@code abort} closes the
     * socket at once, where {@code close} could wait for a running statement.
     */
    /** Ends the dev connection: abort when another thread may be mid-statement (shutdown), else a normal close. */
    static void end(Connection connection, boolean abrupt) {
        if (abrupt) {
            abortQuietly(connection);
        } else {
            closeQuietly(connection);
        }
    }

    static void abortQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            closeQuietly(connection);
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // Nothing to do: the server ends the session when the socket goes.
        }
    }
}
