package io.schemagate.core.devdb;

import io.schemagate.core.testing.LocalPostgres;

import static io.schemagate.core.testing.LocalPostgres.admin;
import static io.schemagate.core.testing.LocalPostgres.databaseExists;
import static io.schemagate.core.testing.LocalPostgres.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schemagate process stopped by SIGTERM in the middle of a statement still removes its dev database: a child JVM
 * opens one, starts a long statement, and gets {@code kill -TERM}.
 */
class SignalCleanupTest {

    private static final Pattern READY = Pattern.compile("READY (\\d+) (.*)");

    @TempDir
    Path temp;

    /** What the child printed before it was stopped. */
    private record Stopped(int port, String description, String stdout, String stderr) {
    }

    private Stopped runAndTerminate(String url, String... extra) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = temp.resolve("stderr.txt");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                DevDatabaseChild.class.getName(), url));
        command.addAll(List.of(extra));
        Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(120, TimeUnit.SECONDS);
            Matcher ready = READY.matcher(String.valueOf(line));
            assertTrue(ready.matches(), "child said: " + line + " / " + Files.readString(stderr));
            Thread.sleep(500); // let the long statement reach the server
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit after SIGTERM");
            StringBuilder stdout = new StringBuilder(line).append('\n');
            for (String more = readLine(out); more != null && !more.startsWith("read failed"); more = readLine(out)) {
                stdout.append(more).append('\n');
            }
            return new Stopped(Integer.parseInt(ready.group(1)), ready.group(2), stdout.toString(), Files.readString(stderr));
        } finally {
            child.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return "read failed: " + e;
        }
    }

    @Test
    void scratchDatabaseIsDroppedOnSigterm() throws Exception {
        admin().close();
        Stopped stopped = runAndTerminate(LocalPostgres.URL, "CREATE TABLE t (id int)");
        Matcher scratch = ServiceDevDatabaseTest.SCRATCH.matcher(stopped.description());
        assertTrue(scratch.find(), stopped.description());
        assertFalse(databaseExists(scratch.group(1)), scratch.group(1) + " survived SIGTERM");
        String role = "sg_run_" + scratch.group(1).substring("sg_dev_".length());
        try (Connection c = admin()) {
            assertEquals("0", LocalPostgres.queryString(c, "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"),
                    role + " survived SIGTERM");
        }
        assertEquals("", stopped.stderr());
    }

    @Test
    void givenDatabaseIsEmptiedOnSigterm() throws Exception {
        String role = "sg_test_sigterm";
        String database = "sg_test_sigterm_db";
        try (Connection c = admin()) {
            execute(c, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            execute(c, "DROP ROLE IF EXISTS " + role);
            execute(c, "CREATE ROLE " + role + " LOGIN NOCREATEDB");
            execute(c, "CREATE DATABASE " + database + " OWNER " + role);
        }
        try {
            Stopped stopped = runAndTerminate("postgres://" + role + "@127.0.0.1:5432/" + database, "CREATE TABLE t (id int)");
            assertTrue(stopped.description().startsWith("database " + database), stopped.description());
            try (Connection check = admin(database)) {
                assertEquals(List.of(), UserObjects.list(check, 15));
            }
        } finally {
            try (Connection c = admin()) {
                execute(c, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                execute(c, "DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void embeddedServerStopsOnSigtermAndStartsQuietly() throws Exception {
        Stopped stopped = runAndTerminate("embedded://postgres");
        assertTrue(stopped.description().startsWith("embedded PostgreSQL 16."), stopped.description());
        assertEquals("", stopped.stderr(), "nothing but schemagate's own output");
        assertEquals(1, stopped.stdout().strip().lines().count(), stopped.stdout());
        assertThrows(IOException.class, () -> new Socket("localhost", stopped.port()).close(), "the server still listens");
    }
}
