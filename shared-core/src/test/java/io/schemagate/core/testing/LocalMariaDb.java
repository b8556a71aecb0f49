package io.schemagate.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB service tests use (127.0.0.1:3306, root without password, as .ci/run starts it). Unreachable: the
 * test is skipped with a message, except under {@code CI=true}, where it fails.
 */
public final class LocalMariaDb {

    public static final String URL = "mysql://root@127.0.0.1:3306/";
    private static final String JDBC = "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=5000";

    private LocalMariaDb() {
    }

    /** A root connection; skips (or fails under CI) when the server is not there. */
    public static Connection admin() throws SQLException {
        try {
            return DriverManager.getConnection(JDBC);
        } catch (SQLException e) {
            String problem = "MariaDB at 127.0.0.1:3306 is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException(problem + "; CI=true, so this fails instead of skipping", e);
            }
            Assumptions.abort(problem + ": test skipped");
            throw e; // not reached
        }
    }

    /** Skips the calling test (or fails it under CI) unless the service answers. */
    public static void require() {
        try (Connection c = admin()) {
            c.isValid(2);
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
