package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The greeting a MySQL-protocol server sends first, read from the machine's MariaDB (127.0.0.1:3306). */
class ServerGreetingTest {

    private static String localMariadbVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            String why = "no MariaDB at 127.0.0.1:3306 (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + "; CI=true, so this fails instead of skipping");
            }
            Assumptions.abort(why);
            return null;
        }
    }

    @Test
    void greetingNamesTheServerVersion() throws IOException {
        String version = localMariadbVersion();
        Assertions.assertEquals(version, ServerGreeting.greeting("127.0.0.1", 3306));
    }

    @Test
    void aServerThatWaitsForTheClientIsNoGreeting() throws Exception {
        io.schemagate.core.testing.LocalPostgres.admin().close(); // PostgreSQL speaks only when spoken to
        IOException e = assertThrows(IOException.class, () -> ServerGreeting.greeting("127.0.0.1", 5432));
        assertTrue(e.getMessage() != null && e.getMessage().contains("timed out"), String.valueOf(e.getMessage()));
    }
}
