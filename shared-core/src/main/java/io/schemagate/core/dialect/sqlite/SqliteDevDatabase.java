package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.GuardedDevDatabase;
import io.schemagate.core.devdb.SqliteUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * A SQLite dev database: a private in-memory database, or a file schemagate creates and deletes again. Migrations are
 * hostile, so the session may not attach other files ({@code ATTACH}, {@code VACUUM INTO} write anywhere the runner
 * may), load extensions, or run a statement longer than the statement timeout.
 */
public final class SqliteDevDatabase extends GuardedDevDatabase {
    /** SQLite calls the progress handler every this many virtual-machine steps. */
    private static final int PROGRESS_STEPS = 10_000;
    /** The database file and the files SQLite keeps next to it; none may exist before, all are deleted after. */
    private static final List<String> SIDE_FILES = List.of("", "-journal", "-wal", "-shm");

    private final SqliteUrl url;
    private final Path file;
    private final Connection session;
    private final String version;
    private final StatementClock clock;

    private SqliteDevDatabase(SqliteUrl url, Path file, Connection session, String version, StatementClock clock) {
        this.url = url;
        this.file = file;
        this.session = session;
        this.version = version;
        this.clock = clock;
    }

    public static SqliteDevDatabase open(SqliteUrl url, DevSettings settings) throws DevDatabaseException {
        Path file = null;
        if (!url.memory()) {
            file = Path.of(url.location()).toAbsolutePath();
            String path = file.toString();
            if (SIDE_FILES.stream().anyMatch(suffix -> Files.exists(Path.of(path + suffix), LinkOption.NOFOLLOW_LINKS))) {
                throw new DevDatabaseException("the dev database " + url.masked() + " already exists (or its journal"
                        + " does): schemagate creates"
                        + " its dev database file and deletes it afterwards; name a file that does not exist, or use "
                        + "sqlite://dev?mode=memory");
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.enableLoadExtension(false);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, settings.lockTimeout().toMillis()));
        Connection c = null;
        try {
            c = DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file,
                    config.toProperties());
            SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
            sqlite.getDatabase().limit(SQLiteLimits.SQLITE_LIMIT_ATTACHED.getId(), 0);
            String version;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                version = rs.getString(1);
            }
            StatementClock clock = StatementClock.install(sqlite, settings.statementTimeout(), PROGRESS_STEPS);
            SqliteDevDatabase db = new SqliteDevDatabase(url, file, c, version, clock);
            db.guard();
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            deleteQuietly(file);
            throw new DevDatabaseException("the dev database " + url.masked() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connection() {
        return session;
    }

    /** SQLite has no statement timeout of its own: the clock interrupts a statement that outlives the limit. */
    @Override
    public void statementStarting() {
        clock.restart();
    }

    @Override
    public String description() {
        return (file == null ? "in-memory SQLite " : "SQLite file " + url.location() + ", SQLite ") + version;
    }

    @Override
    public int serverMajorVersion() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    @Override
    protected void release(boolean abrupt) {
        closeQuietly(session);
        deleteQuietly(file);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to keep
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        for (String suffix : SIDE_FILES) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // close() never throws
            }
        }
    }
}
