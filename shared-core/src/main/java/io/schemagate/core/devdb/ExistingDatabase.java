package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database that already exists, opened to be read: the desired schema of a plan given as a URL. Nothing is created
 * or dropped; the session is read-only ({@code default_transaction_read_only}) with the dev limits, so even a
 * mistaken statement cannot change it, and {@link #close()} only closes the connection. PostgreSQL only for now.
 */
public final class ExistingDatabase implements DevDatabase {
    private final PostgresUrl url;
    private final Connection connection;
    private final int major;

    private ExistingDatabase(PostgresUrl url, Connection connection, int major) {
        this.url = url;
        this.connection = connection;
        this.major = major;
    }

    public static DevDatabase openReadOnly(PostgresUrl url, DevSettings settings) throws DevDatabaseException {
        Connection connection;
        try {
            connection = PgSession.connect(url);
        } catch (SQLException e) {
            throw ConnectFailure.connecting(url, e);
        }
        try {
            PgSession.configure(connection, settings, url.searchPath());
            PgSession.execute(connection, "SET default_transaction_read_only = on");
            return new ExistingDatabase(url, connection, PgSession.serverVersionNumber(connection) / 10_000);
        } catch (SQLException e) {
            PgSession.end(connection, false);
            throw new DevDatabaseException("cannot read " + url.masked() + ": " + OneLine.of(e.getMessage()), e);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String description() {
        return "database " + url.masked() + " (read only)";
    }

    @Override
    public int serverMajorVersion() {
        return major;
    }

    @Override
    public void close() {
        PgSession.end(connection, false);
    }
}
