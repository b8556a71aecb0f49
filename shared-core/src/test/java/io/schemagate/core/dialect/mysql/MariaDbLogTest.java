package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure messages quote the server's log: mariadbd's own lines for a port that was taken (as 11.4.5 logs them). */
class MariaDbLogTest {

    private static final String BOOTSTRAP = """
            2026-12-05 17:15:40 0 [Note] Starting MariaDB 11.4.5-MariaDB as process 1
            2026-12-05 17:15:40 0 [ERROR] an error of the bootstrap, before the server started
            """;
    private static final String SERVER = """
            2026-12-05 17:15:44 0 [Note] Server socket created on IP: '127.0.0.1'.
            2026-12-05 17:15:44 0 [ERROR] Can't start server: Bind on TCP/IP port. Got error: 98: Address already in use
            2026-12-05 17:15:44 0 [ERROR] Do you already have another server running on port: 3306 ?
            2026-12-05 17:15:44 0 [ERROR] Aborting
            """;

    @TempDir
    Path temp;

    @Test
    void problemIsTheLastTwoErrorLinesAfterTheOffset() throws Exception {
        Path log = temp.resolve("server.log");
        Files.writeString(log, BOOTSTRAP + SERVER, StandardCharsets.UTF_8);
        long serverStart = BOOTSTRAP.getBytes(StandardCharsets.UTF_8).length;

        assertEquals(Optional.of("2026-12-05 17:15:44 0 [ERROR] Do you already have another server running on port: 3306 ? / "
                + "2026-12-05 17:15:44 0 [ERROR] Aborting"), MariaDbLog.problem(log, serverStart));
        Path bootstrapOnly = temp.resolve("bootstrap.log");
        Files.writeString(bootstrapOnly, BOOTSTRAP, StandardCharsets.UTF_8);
        assertEquals(Optional.of("2026-12-05 17:15:40 0 [ERROR] an error of the bootstrap, before the server started"),
                MariaDbLog.problem(bootstrapOnly, 0));
        assertEquals(Optional.empty(), MariaDbLog.line(log, serverStart, "ready for connections"));
        assertEquals(Optional.of("2026-12-05 17:15:44 0 [ERROR] Can't start server: Bind on TCP/IP port. Got error: 98: "
                + "Address already in use"), MariaDbLog.line(log, serverStart, "Address already in use"));
        assertEquals(Optional.empty(), MariaDbLog.line(log, 0, "ready for connections"));
    }

    @Test
    void tailWithoutErrorLinesSaysWhatTheLogEndsWith() throws Exception {
        Path log = temp.resolve("server.log");
        Files.writeString(log, "/x/bin/mariadbd: error while loading shared libraries: libaio.so.1: cannot open\n",
                StandardCharsets.UTF_8);
        assertEquals(Optional.of("/x/bin/mariadbd: error while loading shared libraries: libaio.so.1: cannot open"),
                MariaDbLog.problem(log, 0));
        assertEquals("the server exited: /x/bin/mariadbd: error while loading shared libraries: libaio.so.1: cannot open",
                MariaDbLog.tail(log, "the server exited"));
        assertEquals("the server exited", MariaDbLog.tail(temp.resolve("missing.log"), "the server exited"));
    }
}
