package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link SignalCleanupTest}: opens the dev database {@code args[0]}, runs {@code args[1]} if
 * given, prints {@code READY <server port> <description>}, then sits in a long statement until it is killed.
 */
public final class DevDatabaseChild {

    private DevDatabaseChild() {
    }

    public static void main(String[] args) throws Exception {
        DevDatabase db = DevDatabase.open(DevUrl.parse(args[0]), DevSettings.defaults());
        Connection c = db.connection();
        try (Statement s = c.createStatement()) {
            if (args.length > 1) {
                s.execute(args[1]);
            }
            try (ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
                rs.next();
                System.out.println("READY " + rs.getInt(1) + " " + db.description());
                System.out.flush();
            }
            try {
                s.execute("SELECT pg_sleep(600)");
            } catch (SQLException expected) {
                // the shutdown hook ended the session under this statement; stay quiet like the CLI should
            }
        }
    }
}
