package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.GuardedDevDatabase;
import io.schemagate.core.devdb.MysqlUrl;
import java.sql.Connection;

/**
 * A scratch database on a server schemagate starts for the run (the embedded MariaDB, a container): replay still
 * runs as the scratch database's least-privilege user, and {@link #close()} stops the server after it — also when
 * the JVM is stopped while the server is still starting.
 */
final class OwnServerMysqlDevDatabase extends GuardedDevDatabase {

    /** Starts the server and says where its superuser logs in. */
    @FunctionalInterface
    interface ServerStart {
        MysqlUrl start() throws DevDatabaseException;
    }

    private final AutoCloseable server;
    private volatile MysqlDevDatabase scratch;

    private OwnServerMysqlDevDatabase(AutoCloseable server) {
        this.server = server;
    }

    /**
     * @param server closes (stops and removes) the server, also one that has not finished starting
     * @param what   how to describe the server, e.g. {@code embedded MariaDB}
     */
    static OwnServerMysqlDevDatabase open(AutoCloseable server, ServerStart start, DevSettings settings, String what)
            throws DevDatabaseException {
        OwnServerMysqlDevDatabase db = new OwnServerMysqlDevDatabase(server);
        db.guard(); // before the server exists, so a signal at any later moment still removes it
        try {
            db.scratch = MysqlDevDatabase.open(start.start(), settings, what);
            return db;
        } catch (DevDatabaseException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public Connection connection() {
        return scratch.connection();
    }

    @Override
    public String description() {
        return scratch.description();
    }

    @Override
    public int serverMajorVersion() {
        return scratch.serverMajorVersion();
    }

    @Override
    protected void release(boolean abrupt) {
        MysqlDevDatabase s = scratch;
        if (s != null) {
            s.close();
        }
        try {
            server.close();
        } catch (Exception ignored) {
            // close() never throws; the server's supervisor (or the engine's label sweep) removes what is left
        }
    }
}
