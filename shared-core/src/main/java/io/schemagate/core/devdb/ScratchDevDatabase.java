package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A database schemagate created on a service for this run ({@code sg_dev_…}), dropped by {@link #close()}. */
final class ScratchDevDatabase extends GuardedDevDatabase {

    private static final int DROP_ATTEMPTS = 5;
    private static final String OBJECT_IN_USE = "55006";

    private final PostgresUrl server;
    private final String name;
    private final int versionNumber;
    private volatile boolean mayExist = true;
    private volatile Connection connection;

    /** @param server the URL as given: its database is where the scratch one is created and dropped from */
    ScratchDevDatabase(PostgresUrl server, String name, int versionNumber) {
        this.server = server;
        this.name = name;
        this.versionNumber = versionNumber;
    }

    String name() {
        return name;
    }

    /** CREATE DATABASE failed: nothing to drop. */
    void notCreated() {
        mayExist = false;
    }

    void connect(DevSettings settings) throws DevDatabaseException {
        PostgresUrl target = server.withDatabase(name);
        try {
            Connection opened = PgSession.connect(target);
            connection = opened;
            PgSession.configure(opened, settings, server.searchPath());
        } catch (SQLException e) {
            throw ConnectFailure.connecting(target, e);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String description() {
        return "scratch database " + name + " on " + server.masked();
    }

    @Override
    public int serverMajorVersion() {
        return versionNumber / 10000;
    }

    @Override
    void release(boolean abrupt) {
        PgSession.end(connection, abrupt);
        if (!mayExist) {
            return;
        }
        try (Connection admin = PgSession.connect(server)) {
            PgSession.housekeeping(admin);
            drop(admin);
        } catch (SQLException e) {
            // The server is gone or refuses; the database is named sg_dev_… for whoever cleans up.
        }
    }

    private void drop(Connection admin) throws SQLException {
        String quoted = PgSession.quoteIdentifier(name);
        if (versionNumber >= 130000) {
            // FORCE ends the dev session too, should the abort not have reached the server yet.
            PgSession.execute(admin, "DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement terminate = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try {
                PgSession.execute(admin, "DROP DATABASE IF EXISTS " + quoted);
                return;
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == DROP_ATTEMPTS) {
                    throw e;
                }
                sleep(200L * attempt); // a terminated backend takes a moment to go
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
