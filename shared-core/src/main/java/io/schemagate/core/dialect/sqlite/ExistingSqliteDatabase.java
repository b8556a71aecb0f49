package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.OneLine;
import io.schemagate.core.devdb.SqliteUrl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * A SQLite database file that already exists, opened to be read: the desired schema of a plan given as
 * {@code sqlite://FILE}. It is opened read only and immutable (nothing is created or written, not even a WAL
 * database's side files), may attach nothing and load no extension, and {@link #close()} only closes the connection.
 * Only a regular file reached without links is read: a link could point anywhere the runner can read.
 */
final class ExistingSqliteDatabase implements DevDatabase {
    /** The first 16 bytes of every SQLite database file. */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int PROGRESS_STEPS = 10_000;
    private final SqliteUrl url;
    private final Connection connection;
    private final String version;

    private ExistingSqliteDatabase(SqliteUrl url, Connection connection, String version) {
        this.url = url;
        this.connection = connection;
        this.version = version;
    }

    static DevDatabase open(SqliteUrl url, DevSettings settings) throws DevDatabaseException {
        Path file = checkedFile(url);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.enableLoadExtension(false);
        Connection connection = null;
        try {
            // immutable=1: SQLite neither writes nor creates anything, not even the -wal and -shm files of a WAL
            // database; the path is the real one, percent-encoded, so nothing in it reads as URI parameters.
            connection = DriverManager.getConnection("jdbc:sqlite:file:" + uriPath(file) + "?mode=ro&immutable=1",
                    config.toProperties());
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            sqlite.getDatabase().limit(SQLiteLimits.SQLITE_LIMIT_ATTACHED.getId(), 0);
            // A crafted file can make inspection slow: one statement limit bounds all of it.
            StatementClock.install(sqlite, settings.statementTimeout(), PROGRESS_STEPS);
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sqlite_version(), count(*) FROM sqlite_schema")) {
                rs.next();
                return new ExistingSqliteDatabase(url, connection, rs.getString(1));
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DevDatabaseException("cannot read " + url.masked() + ": " + OneLine.of(e.getMessage()), e);
        }
    }

    /**
     * The database file, refused unless it is a regular file whose path has no link in it, and starts with SQLite's
     * header (an empty file would open as an empty database, and the plan would drop everything).
     */
    private static Path checkedFile(SqliteUrl url) throws DevDatabaseException {
        if (url.memory()) {
            throw new DevDatabaseException(url.masked() + ": an in-memory database is empty; the desired schema is a"
                    + " SQLite file (sqlite://PATH)");
        }
        Path file;
        try {
            file = Path.of(url.location()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new DevDatabaseException(url.masked() + ": not a file path (" + e.getReason() + ")", e);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DevDatabaseException(url.masked() + ": " + (Files.isSymbolicLink(file)
                    ? "a symbolic link; only a regular file is read" : "no such database file"));
        }
        try {
            if (!file.toRealPath().equals(file)) {
                throw new DevDatabaseException(url.masked() + ": its path goes through a symbolic link; only a regular"
                        + " file reached without links is read");
            }
            byte[] header = new byte[HEADER.length];
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                if (in.readNBytes(header, 0, header.length) != header.length || !Arrays.equals(header, HEADER)) {
                    throw new DevDatabaseException(url.masked() + ": not a SQLite database (no SQLite header)");
                }
            }
        } catch (IOException e) {
            throw new DevDatabaseException(url.masked() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return file;
    }

    /** The path for a {@code file:} URI: every byte but unreserved ones and slashes percent-encoded. */
    private static String uriPath(Path file) {
        StringBuilder out = new StringBuilder();
        for (byte b : file.toString().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
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
