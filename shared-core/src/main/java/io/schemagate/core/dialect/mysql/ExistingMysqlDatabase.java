package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.MysqlUrl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A MySQL or MariaDB database that already exists, opened to be read: the desired schema of a plan given as a URL.
 * Nothing is created or dropped; the session is read only ({@code SET SESSION TRANSACTION READ ONLY}) with the dev
 * statement limit, so even a mistaken statement cannot change it, and {@link #close()} only closes the connection.
 */
final class ExistingMysqlDatabase implements DevDatabase {
    private final MysqlUrl url;
    private final Connection connection;
    private final MysqlServer server;

    private ExistingMysqlDatabase(MysqlUrl url, Connection connection, MysqlServer server) {
        this.url = url;
        this.connection = connection;
        this.server = server;
    }

    static DevDatabase open(MysqlUrl url, DevSettings settings) throws DevDatabaseException {
        String database = url.database().orElseThrow(() -> new DevDatabaseException(url.masked()
                + ": name the database whose schema is desired (" + url.scheme() + "://HOST/DATABASE)"));
        Connection connection;
        try {
            connection = MysqlConnections.open(url, database, settings.statementTimeout());
        } catch (SQLException e) {
            throw new DevDatabaseException("cannot read " + url.masked() + ": " + MysqlConnections.reason(url, e), e);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION TRANSACTION READ ONLY");
            MysqlServer server = MysqlServer.of(connection);
            s.execute(server.statementTimeout(settings.statementTimeout()));
            // Without SHOW VIEW the server lists a view with an empty definition: the plan would re-create it empty.
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = "
                    + "DATABASE() AND VIEW_DEFINITION = ''")) {
                if (rs.next() && rs.getLong(1) > 0) {
                    closeQuietly(connection);
                    throw new DevDatabaseException("cannot read " + url.masked() + ": the login may not read view"
                            + " definitions (grant it SHOW VIEW on the database)");
                }
            }
            return new ExistingMysqlDatabase(url, connection, server);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DevDatabaseException("cannot read " + url.masked() + ": " + MysqlConnections.reason(url, e), e);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String description() {
        return "database " + url.masked() + " (" + server.product() + " " + server.version() + ", read only)";
    }

    @Override
    public int serverMajorVersion() {
        return server.major();
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing was changed, nothing to keep
        }
    }
}
