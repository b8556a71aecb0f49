package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.MysqlUrl;
import io.schemagate.core.testing.LocalMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MySQL dev database on the local MariaDB: the replay user reaches nothing beyond its scratch database. */
class MysqlDevDatabaseTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void service() {
        LocalMariaDb.require();
    }

    private static MysqlDevDatabase open() throws Exception {
        MysqlUrl url = (MysqlUrl) DevUrl.parse(LocalMariaDb.URL);
        return MysqlDevDatabase.open(url, DevSettings.defaults(), url.masked());
    }

    @Test
    void theReplayUserCannotReadOrWriteFilesOrOtherDatabases() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "runner secret");
        try (MysqlDevDatabase db = open(); Statement s = db.connection().createStatement()) {
            assertTrue(db.description().matches("scratch database sg_dev_\\w+ on mysql://root@127.0.0.1:3306/ \\(MariaDB .*\\)"),
                    db.description());
            s.execute("CREATE TABLE t (id int, body text)");
            try (ResultSet rs = s.executeQuery("SELECT LOAD_FILE('/etc/passwd')")) {
                rs.next();
                assertNull(rs.getString(1));
            }
            assertThrows(SQLException.class, () -> s.execute("SELECT 1 INTO OUTFILE '" + dir.resolve("out.txt") + "'"));
            assertThrows(SQLException.class, () -> s.execute("LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE t"));
            assertThrows(SQLException.class, () -> s.execute("CREATE DATABASE sg_escape"));
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT user FROM mysql.user"));
            assertThrows(SQLException.class, () -> s.execute("SET GLOBAL max_connections = 5"));
        }
        assertFalse(Files.exists(dir.resolve("out.txt")));
    }

    @Test
    void wrongCredentialsAndAnUnreachableServerAreOneLineWithoutThePassword() {
        DevDatabaseException wrong = assertThrows(DevDatabaseException.class, () -> MysqlDevDatabase.open(
                (MysqlUrl) DevUrl.parse("mysql://nobody:hunter22@127.0.0.1:3306/"), DevSettings.defaults(), "the server"));
        assertTrue(wrong.getMessage().contains("Access denied"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("hunter22"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("\n"), wrong.getMessage());
        DevDatabaseException down = assertThrows(DevDatabaseException.class, () -> MysqlDevDatabase.open(
                (MysqlUrl) DevUrl.parse("mysql://root:hunter22@127.0.0.1:1/"), DevSettings.defaults(), "the server"));
        assertFalse(down.getMessage().contains("hunter22"), down.getMessage());
        assertFalse(down.getMessage().contains("\n"), down.getMessage());
    }

    @Test
    void timeoutsAreSetOnTheSession() throws Exception {
        try (MysqlDevDatabase db = open(); Statement s = db.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT @@session.lock_wait_timeout, @@session.max_statement_time")) {
            rs.next();
            assertEquals(10, rs.getInt(1));
            assertEquals(300.0, rs.getDouble(2), 0.001);
        }
    }
}
