package io.schemagate.core.dialect.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the local MariaDB (127.0.0.1:3306, root, no password), dropped by {@link #close()}. An
 * unreachable server skips the test, unless env {@code CI=true}: then it fails.
 */
final class ScratchMariaDb implements AutoCloseable {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/%s?user=%s&password=%s&connectTimeout=5000";

    private final String name;
    private final Connection connection;

    private ScratchMariaDb(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
    }

    static ScratchMariaDb create() throws SQLException {
        String name = "sg_test_" + randomSuffix();
        try (Connection admin = connectOrSkip()) {
            execute(admin, "CREATE DATABASE " + name);
        }
        try {
            return new ScratchMariaDb(name, DriverManager.getConnection(url(name, "root", "")));
        } catch (SQLException | RuntimeException e) {
            drop(name);
            throw e;
        }
    }

    static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    String name() {
        return name;
    }

    Connection connection() {
        return connection;
    }

    /** Opens another connection to the scratch database as {@code user}. */
    Connection connectAs(String user, String password) throws SQLException {
        return DriverManager.getConnection(url(name, user, password));
    }

    /** Runs statements one by one on the scratch database, as root. */
    void execute(String... statements) throws SQLException {
        for (String sql : statements) {
            execute(connection, sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            drop(name);
        }
    }

    private static void drop(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url("", "root", ""))) {
            execute(admin, "DROP DATABASE IF EXISTS " + name);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connectOrSkip() throws SQLException {
        try {
            return DriverManager.getConnection(url("", "root", ""));
        } catch (SQLException e) {
            String problem = "MariaDB at 127.0.0.1:3306 is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException(problem + "; CI=true, so the MySQL inspector tests fail instead of skipping", e);
            }
            Assumptions.abort(problem + ": MySQL inspector tests skipped");
            throw e; // not reached
        }
    }

    private static String url(String database, String user, String password) {
        return String.format(URL, database, user, password);
    }
}
