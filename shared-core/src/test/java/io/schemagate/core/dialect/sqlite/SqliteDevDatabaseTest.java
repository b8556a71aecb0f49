package io.schemagate.core.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.SqliteUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite dev database keeps hostile SQL inside it: no other files, no extensions, no endless statement. */
class SqliteDevDatabaseTest {
    @TempDir
    Path dir;

    private static SqliteDevDatabase memory(DevSettings settings) throws Exception {
        return SqliteDevDatabase.open((SqliteUrl) DevUrl.parse("sqlite://dev?mode=memory"), settings);
    }

    @Test
    void attachingOrVacuumingIntoAnotherFileIsRefused() throws Exception {
        Path target = dir.resolve("stolen.db");
        try (SqliteDevDatabase db = memory(DevSettings.defaults()); Statement s = db.connection().createStatement()) {
            s.execute("CREATE TABLE t (id int)");
            SQLException attach = assertThrows(SQLException.class, () -> s.execute("ATTACH DATABASE '" + target + "' AS x"));
            assertTrue(attach.getMessage().contains("too many attached databases"), attach.getMessage());
            assertThrows(SQLException.class, () -> s.execute("VACUUM INTO '" + target + "'"));
            assertThrows(SQLException.class, () -> s.execute("SELECT load_extension('/tmp/x')"));
        }
        assertFalse(Files.exists(target));
    }

    @Test
    void anEndlessStatementIsStoppedAtTheStatementTimeout() throws Exception {
        DevSettings oneSecond = new DevSettings(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (SqliteDevDatabase db = memory(oneSecond); Statement s = db.connection().createStatement()) {
            db.statementStarting();
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.execute(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 10, "stopped after " + seconds + " s");
            assertTrue(e.getMessage().contains("interrupt"), e.getMessage());
            db.statementStarting();
            s.execute("CREATE TABLE after_it (id int)"); // the session is still usable
        }
    }

    @Test
    void aFileDatabaseIsDeletedAfterwardsAndAnExistingFileIsNeverUsed() throws Exception {
        Path file = dir.resolve("dev.db");
        try (SqliteDevDatabase db = SqliteDevDatabase.open((SqliteUrl) DevUrl.parse("sqlite://" + file),
                DevSettings.defaults()); Statement s = db.connection().createStatement()) {
            s.execute("CREATE TABLE t (id int)");
            assertTrue(Files.exists(file));
            assertTrue(db.description().startsWith("SQLite file " + file), db.description());
        }
        assertFalse(Files.exists(file));

        Files.writeString(file, "the user's own data");
        DevDatabaseException e = assertThrows(DevDatabaseException.class, () -> SqliteDevDatabase.open(
                (SqliteUrl) DevUrl.parse("sqlite://" + file), DevSettings.defaults()));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("the user's own data", Files.readString(file));
    }
}
