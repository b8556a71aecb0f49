package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.SqliteUrl;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * A SQLite database file that already exists, opened to be read: the desired schema of a plan given as
 * {@code sqlite://FILE}. It is opened read only (never created), may attach nothing and load no extension, and
 * {@link #close()} only closes the connection. Only a regular file is read: a link could point anywhere the runner
 * can read.
 */
final class ExistingSqliteDatabase implements DevDatabase {
    private final SqliteUrl url;
    private final Connection connection;
    private final String version;

    private ExistingSqliteDatabase(SqliteUrl url, Connection connection, String version) {
        this.url = url;
        this.connection = connection;
        this.version = version;
    }

    static DevDatabase open(SqliteUrl url) throws DevDatabaseException {
        if (url.memory()) {
            throw new DevDatabaseException(url.masked() + ": an in-memory database is empty; the desired schema is a"
                    + " SQLite file (sqlite://PATH)");
        }
        Path file = Path.of(url.location()).toAbsolutePath();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DevDatabaseException(url.masked() + ": " + (Files.isSymbolicLink(file)
                    ? "a symbolic link; only a regular file is read" : "no such database file"));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.enableLoadExtension(false);
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
            connection.unwrap(SQLiteConnection.class).getDatabase().limit(SQLiteLimits.SQLITE_LIMIT_ATTACHED.getId(), 0);
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sqlite_version(), count(*) FROM sqlite_schema")) {
                rs.next(); // reading the schema table is what tells a database from any other file
                return new ExistingSqliteDatabase(url, connection, rs.getString(1));
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DevDatabaseException("cannot read " + url.masked() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String description() {
        return "SQLite file " + url.location() + " (SQLite " + version + ", read only)";
    }

    @Override
    public int serverMajorVersion() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing was changed, nothing to keep
            }
        }
    }
}
