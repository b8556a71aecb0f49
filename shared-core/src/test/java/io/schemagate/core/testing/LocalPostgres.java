package io.schemagate.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL service tests use (127.0.0.1:5432, user postgres, trust auth, as .ci/run starts it). Unreachable:
 * the test is skipped with a message, except under {@code CI=true}, where it fails.
 */
public final class LocalPostgres {

    public static final String URL = "postgres://postgres@127.0.0.1:5432/postgres";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/%s?user=postgres&connectTimeout=5";

    private LocalPostgres() {
    }

    /** Skips the calling test (or fails it under CI) unless the service answers. */
    public static void require() {
        try (Connection c = admin()) {
            c.isValid(2);
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A superuser connection to {@code database}; skips (or fails under CI) when the server is not there. */
    public static Connection admin(String database) throws SQLException {
        try {
            return DriverManager.getConnection(String.format(JDBC, database));
        } catch (SQLException e) {
            String problem = "PostgreSQL at 127.0.0.1:5432 is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException(problem + "; CI=true, so this fails instead of skipping", e);
            }
            Assumptions.abort(problem + ": test skipped");
            throw e; // not reached
        }
    }

    public static Connection admin() throws SQLException {
        return admin("postgres");
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static boolean databaseExists(String name) throws SQLException {
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static List<String> scratchDatabases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_dev\\_%' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    public static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
