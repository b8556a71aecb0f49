package io.schemagate.core.devdb;

import io.schemagate.core.testing.LocalPostgres;

import static io.schemagate.core.testing.LocalPostgres.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code embedded://postgres}: the bundled default major, and a downloaded one where the network allows. */
class EmbeddedDevDatabaseTest {

    @Test
    void defaultMajorStartsAnswersAndStops() throws Exception {
        int port;
        Path runDirectory;
        try (DevDatabase db = DevDatabase.open(DevUrl.parse(DevUrl.DEFAULT_URL), DevSettings.defaults())) {
            runDirectory = ((EmbeddedDevDatabase) db).server().runDirectory();
            assertTrue(Files.isDirectory(runDirectory.resolve("data")), runDirectory.toString());
            Connection c = db.connection();
            assertTrue(queryString(c, "SELECT version()").startsWith("PostgreSQL 16."), queryString(c, "SELECT version()"));
            assertEquals(16, db.serverMajorVersion());
            assertTrue(db.description().matches("embedded PostgreSQL 16\\.\\d+"), db.description());
            assertEquals("schemagate", queryString(c, "SHOW application_name"));
            assertEquals("5min", queryString(c, "SHOW statement_timeout"));
            assertEquals("10s", queryString(c, "SHOW lock_timeout"));
            assertEquals("off", queryString(c, "SHOW fsync"));
            port = Integer.parseInt(queryString(c, "SELECT inet_server_port()"));
            LocalPostgres.execute(c, "CREATE TABLE t (id int)");
        }
        assertThrows(IOException.class, () -> new Socket("localhost", port).close(), "the server still listens");
        assertFalse(Files.exists(runDirectory), "the run directory, data directory included, is removed");
    }

    @Test
    void searchPathFromTheUrl() throws Exception {
        try (DevDatabase db = DevDatabase.open(DevUrl.parse("embedded://postgres/16?search_path=app"), DevSettings.defaults())) {
            assertEquals("app", queryString(db.connection(), "SHOW search_path"));
        }
    }

    @Test
    void downloadedMajor() throws Exception {
        DevDatabase db;
        try {
            db = DevDatabase.open(DevUrl.parse("embedded://postgres/17"), DevSettings.defaults());
        } catch (DevDatabaseException e) {
            Assumptions.assumeFalse(e.getMessage().contains("could not be downloaded"),
                    "PostgreSQL 17 binaries cannot be downloaded here, test skipped: " + e.getMessage());
            throw e;
        }
        try (db) {
            assertEquals(17, db.serverMajorVersion());
            assertTrue(queryString(db.connection(), "SELECT version()").startsWith("PostgreSQL 17."));
        }
    }
}
