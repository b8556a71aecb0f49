package io.schemagate.core.dialect.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth), dropped by {@link #close()}.
 * An unreachable server skips the test, unless env {@code CI=true}: then it fails.
 *
 * <p>System property {@code schemagate.postgres.port} points the tests at another local server, e.g. another major
 * version.
 */
final class ScratchPostgres implements AutoCloseable {

    private static final String PORT = System.getProperty("schemagate.postgres.port", "5432");
    private static final String URL = "jdbc:postgresql://127.0.0.1:" + PORT + "/%s?user=%s&connectTimeout=5";

    private final String name;
    private final Connection connection;

    private ScratchPostgres(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
    }

    static ScratchPostgres create() throws SQLException {
        String name = "sg_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connectOrSkip()) {
            execute(admin, "CREATE DATABASE " + name);
        }
        try {
            return new ScratchPostgres(name, DriverManager.getConnection(url(name, "postgres")));
        } catch (SQLException | RuntimeException e) {
            drop(name);
            throw e;
        }
    }

    /** The connection opened on the scratch database, in autocommit mode unless a test changes that. */
    Connection connection() {
        return connection;
    }

    /** Opens another connection to the scratch database as {@code user} (trust auth: no password). */
    Connection connectAs(String user) throws SQLException {
        return DriverManager.getConnection(url(name, user));
    }

    void execute(String sql) throws SQLException {
        execute(connection, sql);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
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
        try (Connection admin = DriverManager.getConnection(url("postgres", "postgres"))) {
            execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection connectOrSkip() throws SQLException {
        try {
            return DriverManager.getConnection(url("postgres", "postgres"));
        } catch (SQLException e) {
            String problem = "PostgreSQL at 127.0.0.1:" + PORT + " is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException(problem + "; CI=true, so the test fails instead of skipping", e);
            }
            Assumptions.abort(problem + ": test skipped");
            throw e; // not reached
        }
    }

    private static String url(String database, String user) {
        return String.format(URL, database, user);
    }
}
