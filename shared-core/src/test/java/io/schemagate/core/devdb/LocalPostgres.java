package io.schemagate.core.devdb;

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
final class LocalPostgres {

    static final String URL = "postgres://postgres@127.0.0.1:5432/postgres";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/%s?user=postgres&connectTimeout=5";

    private LocalPostgres() {
    }

    /** A superuser connection to {@code database}; skips (or fails under CI) when the server is not there. */
    static Connection admin(String database) throws SQLException {
        try {
            return DriverManager.getConnection(String.format(JDBC, database));
        } catch (SQLException e) {
            String problem = "PostgreSQL at 127.0.0.1:5432 is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException(problem + "; CI=true, so this fails instead of skipping", e);
            }
            Assumptions.abort(problem + ": dev database test skipped");
            throw e; // not reached
        }
    }

    static Connection admin() throws SQLException {
        return admin("postgres");
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static boolean databaseExists(String name) throws SQLException {
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<String> scratchDatabases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_dev\\_%' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
