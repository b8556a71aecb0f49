package io.schemagate.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Split;
import io.schemagate.core.sql.SplitOptions;
import io.schemagate.core.sql.StatementSplitter;
import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, uniquely named database on one of the local engines, dropped again by {@link #close()}, plus the replay of
 * SQL files into it statement by statement, as {@link StatementSplitter} splits them.
 *
 * <p>A server that cannot be reached skips the test, unless env {@code CI=true}: then it fails.
 */
final class ScratchDatabase implements AutoCloseable {

    enum Engine {
        POSTGRES("PostgreSQL at 127.0.0.1:5432", Dialect.POSTGRES),
        MARIADB("MariaDB at 127.0.0.1:3306", Dialect.MYSQL),
        SQLITE("SQLite", Dialect.SQLITE);

        final String label;
        final Dialect dialect;

        Engine(String label, Dialect dialect) {
            this.label = label;
            this.dialect = dialect;
        }
    }

    /**
     * What replaying one file did.
     *
     * @param statements how many statements its split has (0: nothing to run, the file was skipped)
     * @param failure    {@code file:line: database error} of the first statement that failed
     */
    record Applied(int statements, Optional<String> failure) {
        boolean ok() {
            return failure.isEmpty();
        }
    }

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/%s?user=postgres&connectTimeout=5";
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/%s?user=root&password=&connectTimeout=5000";

    private final Engine engine;
    private final String name;
    private final Path sqliteFile;
    private final Connection connection;

    private ScratchDatabase(Engine engine, String name, Path sqliteFile, Connection connection) {
        this.engine = engine;
        this.name = name;
        this.sqliteFile = sqliteFile;
        this.connection = connection;
    }

    static ScratchDatabase create(Engine engine) throws SQLException, IOException {
        String name = "sg_corpus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (engine == Engine.SQLITE) {
            Path file = Files.createTempFile(name, ".db");
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            execute(c, "PRAGMA synchronous = OFF"); // speed only: nothing here needs to survive a crash
            return new ScratchDatabase(engine, name, file, c);
        }
        try (Connection admin = connectOrSkip(engine, adminUrl(engine))) {
            execute(admin, "CREATE DATABASE " + name);
        }
        try {
            return new ScratchDatabase(engine, name, null, DriverManager.getConnection(url(engine, name)));
        } catch (SQLException | RuntimeException e) {
            drop(engine, name);
            throw e;
        }
    }

    /**
     * Splits {@code file} with the engine's dialect and executes each statement separately, in one transaction
     * unless {@code inTransaction} is false. Stops at the first failing statement (rolling the transaction back).
     */
    Applied apply(Path file, String displayName, boolean inTransaction) throws SQLException {
        Split split;
        try {
            split = StatementSplitter.split(SourceText.decode(displayName, Files.readAllBytes(file)),
                    SplitOptions.of(engine.dialect));
        } catch (SourceException e) {
            return new Applied(0, Optional.of("split failed: " + e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (split.statements().isEmpty()) {
            return new Applied(0, Optional.empty());
        }
        connection.setAutoCommit(!inTransaction);
        try {
            for (io.schemagate.core.sql.Statement statement : split.statements()) {
                Optional<String> failure = run(statement.text())
                        .map(problem -> displayName + ":" + statement.position().line() + ": " + problem
                                + "\n    statement: " + abbreviate(statement.text()));
                if (failure.isPresent()) {
                    if (inTransaction) {
                        connection.rollback();
                    }
                    return new Applied(split.statements().size(), failure);
                }
            }
            if (inTransaction) {
                connection.commit();
            }
        } finally {
            connection.setAutoCommit(true);
        }
        return new Applied(split.statements().size(), Optional.empty());
    }

    /**
     * SQLite only: asserts that this database has the same schema as a second one into which {@code files} were run
     * whole through {@code sqlite3_exec}, i.e. split by SQLite itself. sqlite-jdbc silently ignores whatever follows
     * the first statement of a text, so a replay alone would not notice statements the splitter merged.
     */
    void assertSameSchemaAsSqliteExec(List<Path> files) throws SQLException, IOException {
        if (engine != Engine.SQLITE) {
            throw new IllegalStateException("needs SQLite, not " + engine);
        }
        try (ScratchDatabase oracle = create(Engine.SQLITE)) {
            for (Path file : files) {
                try (Statement s = oracle.connection.createStatement()) {
                    s.executeUpdate(Files.readString(file)); // sqlite-jdbc's executeUpdate runs every statement
                } catch (SQLException e) {
                    throw new AssertionError("sqlite3_exec of " + file + " failed: " + e.getMessage(), e);
                }
            }
            assertEquals(oracle.sqliteSchema(), sqliteSchema(),
                    "schema after the statement-by-statement replay differs from SQLite's own splitting of the same files");
        }
    }

    private String sqliteSchema() throws SQLException {
        return queryString("SELECT group_concat(type || ' ' || name || ': ' || coalesce(sql, ''), char(10))"
                + " FROM (SELECT * FROM sqlite_master ORDER BY type, name)");
    }

    /** Runs set-up SQL that is not part of a corpus. */
    void execute(String sql) throws SQLException {
        execute(connection, sql);
    }

    /** The first column of the first row of a query. */
    String queryString(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    long queryLong(String sql) throws SQLException {
        return Long.parseLong(queryString(sql));
    }

    /** Number of ordinary tables in the database (PostgreSQL: schema public; SQLite: including FTS shadow tables). */
    long tableCount() throws SQLException {
        return queryLong(switch (engine) {
            case POSTGRES -> "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            case MARIADB -> "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = database() AND table_type = 'BASE TABLE'";
            case SQLITE -> "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        });
    }

    /** Executes one statement; returns the problem, if any. */
    private Optional<String> run(String sql) {
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(sql);
            // A driver that splits on its own (pgjdbc) reports one result per statement it found: more than one
            // means the splitter merged statements, which would otherwise go unnoticed.
            int results = 1;
            while (s.getMoreResults() || s.getUpdateCount() != -1) {
                results++;
            }
            if (results != 1) {
                return Optional.of("the driver ran " + results + " statements from this one piece of the split");
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage().strip() + " [SQLState " + e.getSQLState() + "]");
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        try {
            connection.close();
        } finally {
            if (engine == Engine.SQLITE) {
                for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(sqliteFile + suffix));
                }
            } else {
                drop(engine, name);
            }
        }
    }

    private static void drop(Engine engine, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl(engine))) {
            execute(admin, "DROP DATABASE IF EXISTS " + name + (engine == Engine.POSTGRES ? " WITH (FORCE)" : ""));
        }
    }

    private static Connection connectOrSkip(Engine engine, String url) throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            String problem = engine.label + " is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException(problem + "; CI=true, so corpus replay fails instead of skipping", e);
            }
            Assumptions.abort(problem + ": corpus replay skipped");
            throw e; // not reached
        }
    }

    private static String adminUrl(Engine engine) {
        return engine == Engine.POSTGRES ? url(engine, "postgres") : url(engine, "");
    }

    private static String url(Engine engine, String database) {
        return String.format(engine == Engine.POSTGRES ? PG_URL : MARIADB_URL, database);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…";
    }
}
