package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.GuardedDevDatabase;
import java.sql.Connection;

/**
 * A scratch database on a server schemagate started for the run (the embedded MariaDB, a container): replay still
 * runs as the scratch database's least-privilege user, and {@link #close()} stops the server after it.
 */
final class OwnServerMysqlDevDatabase extends GuardedDevDatabase {
    private final MysqlDevDatabase scratch;
    private final AutoCloseable server;

    OwnServerMysqlDevDatabase(MysqlDevDatabase scratch, AutoCloseable server) {
        this.scratch = scratch;
        this.server = server;
        guard();
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
        scratch.close();
        try {
            server.close();
        } catch (Exception ignored) {
            // close() never throws; the server's supervisor removes what is left
        }
    }
}
