package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The database of a {@code postgres://} URL used as it is, because the role may not create databases. It was
 * checked empty when opened, so {@link #close()} drops every user object in it to leave it empty for the next run.
 */
final class GivenDevDatabase extends GuardedDevDatabase {

    private final PostgresUrl url;
    private final Connection connection;
    private final int versionNumber;
    private final int backendPid;
    private volatile RunSupervisor supervisor;

    GivenDevDatabase(PostgresUrl url, Connection connection, int versionNumber, int backendPid) {
        this.url = url;
        this.connection = connection;
        this.versionNumber = versionNumber;
        this.backendPid = backendPid;
    }

    void supervise(RunSupervisor watching) {
        supervisor = watching;
    }

    @Override
    public List<OutsideObject> outsideChanges() {
        RunSupervisor watching = supervisor;
        return watching == null ? List.of() : watching.outsideChanges();
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String description() {
        return "database " + url.database() + " on " + url.masked();
    }

    @Override
    public int serverMajorVersion() {
        return versionNumber / 10000;
    }

    @Override
    protected void release(boolean abrupt) {
        RunSupervisor watching = supervisor;
        if (watching != null) {
            watching.close();
        }
        if (abrupt) {
            releaseAbruptly();
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            PgSession.housekeeping(connection);
            UserObjects.dropAll(connection, serverMajorVersion());
        } catch (SQLException e) {
            // Left dirty: the next run says so, naming the objects.
        } finally {
            PgSession.closeQuietly(connection);
        }
    }

    /** Another thread may be mid-statement: drop the session, end its backend, clean up from a new one. */
    private void releaseAbruptly() {
        PgSession.abortQuietly(connection);
        try (Connection cleaner = PgSession.connect(url)) {
            PgSession.housekeeping(cleaner);
            try (PreparedStatement terminate = cleaner.prepareStatement("SELECT pg_terminate_backend(?)")) {
                terminate.setInt(1, backendPid);
                terminate.execute();
            }
            UserObjects.dropAll(cleaner, serverMajorVersion());
        } catch (SQLException e) {
            // Left dirty: the next run says so, naming the objects.
        }
    }
}
