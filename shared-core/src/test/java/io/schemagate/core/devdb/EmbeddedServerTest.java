package io.schemagate.core.devdb;

import static io.schemagate.core.testing.LocalPostgres.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server's run directory, logins and shutdown, checked on a real server. */
class EmbeddedServerTest {

    @TempDir
    Path temp;

    private static EmbeddedDevDatabase openDefault() throws Exception {
        return (EmbeddedDevDatabase) DevDatabase.open(DevUrl.parse(DevUrl.DEFAULT_URL), DevSettings.defaults());
    }

    @Test
    void superuserHasARandomPasswordOverLoopbackTcpAndNothingElseGetsIn() throws Exception {
        PostgresUrl url;
        try (EmbeddedDevDatabase db = openDefault()) {
            url = db.server().superuserUrl();
            assertEquals("127.0.0.1", url.host());
            assertEquals("postgres", url.user());
            assertEquals("postgres", url.database());
            assertEquals(Map.of("sslmode", "disable"), url.parameters());
            assertTrue(url.password().length() >= 24 && url.password().matches("[A-Za-z0-9]+"), "a strong password");
            assertFalse(url.masked().contains(url.password()));
            assertEquals("off", queryString(db.connection(), "SHOW is_superuser"), "migrations replay as the run's role");
            Connection c = connect(url.port(), url.password()); // closed with the server
            assertEquals(url.port(), Integer.parseInt(queryString(c, "SELECT inet_server_port()")));
            assertEquals("127.0.0.1/32", queryString(c, "SELECT inet_server_addr()::text"));

            try (Connection superuser = connect(url.port(), url.password())) {
                assertEquals("on", queryString(superuser, "SHOW is_superuser"));
                assertEquals(List.of("local all all trust", "host all all 127.0.0.1/32 scram-sha-256",
                        "host all all ::1/128 scram-sha-256"), hbaRules(superuser));
            }
            assertThrows(SQLException.class, () -> connect(url.port(), null).close(), "no password");
            assertThrows(SQLException.class, () -> connect(url.port(), url.password() + "x").close(), "a wrong password");

            assertEquals("127.0.0.1", queryString(c, "SHOW listen_addresses"));
            Path run = db.server().runDirectory();
            // Quoted, so a comma or space in java.io.tmpdir does not split the list.
            assertEquals('"' + run.resolve("socket").toString() + '"', queryString(c, "SHOW unix_socket_directories"));
            assertTrue(queryString(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'").startsWith("SCRAM-SHA-256$"));
            // Today's settings, unchanged.
            assertEquals("off", queryString(c, "SHOW fsync"));
            assertEquals("off", queryString(c, "SHOW full_page_writes"));
            assertEquals("off", queryString(c, "SHOW synchronous_commit"));
            assertEquals("20", queryString(c, "SHOW max_connections"));
            assertEquals("C", queryString(c, "SELECT datcollate FROM pg_database WHERE datname = 'postgres'"));
            assertEquals("UTF8", queryString(c, "SHOW server_encoding"));
            assertTrue(List.of("UTC", "Etc/UTC").contains(queryString(c, "SHOW TimeZone")), "TZ=UTC, whatever the machine's zone");
        }
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", url.port()).close(), "the server still listens");
    }

    @Test
    void runDirectoryIsPrivateAndGoesWithTheServer() throws Exception {
        Path run;
        long postmaster;
        try (EmbeddedDevDatabase db = openDefault()) {
            run = db.server().runDirectory();
            postmaster = db.server().postmasterPid();
            Path base = run.getParent();
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("schemagate-" + OsUser.current().uid()),
                    base);
            assertTrue(run.getFileName().toString().matches("run-[a-z0-9]{12}"), run.toString());
            for (Path privateDirectory : List.of(base, run, run.resolve("socket"))) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateDirectory,
                        LinkOption.NOFOLLOW_LINKS)), privateDirectory.toString());
            }
            assertTrue(Files.isDirectory(run.resolve("data")));
            assertTrue(Files.size(run.resolve("server.log")) > 0, "the server logs into the run directory");
            assertFalse(Files.exists(run.resolve("pwfile")), "initdb's password file is gone once initdb ran");
            assertEquals(Optional.of(RunOwner.current()), RunOwner.readFrom(run));
            assertEquals(PostmasterPidFile.read(run.resolve("data")).orElseThrow().pid(), postmaster);
            assertTrue(Files.exists(run.resolve("socket/.s.PGSQL." + db.server().superuserUrl().port())));
            if (OsUser.current().root()) {
                // PostgreSQL refuses uid 0: as root the server runs in a user namespace of its own.
                assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/user")),
                        Files.readSymbolicLink(Path.of("/proc/" + postmaster + "/ns/user")));
            }
        }
        assertFalse(Files.exists(run), "the run directory is removed");
        assertFalse(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the postmaster is gone");
    }

    @Test
    void unixSocketIsForTheRunsOwnUserOnly() throws Exception {
        Path psql = Path.of("/usr/bin/psql");
        Path setpriv = Path.of("/usr/bin/setpriv");
        Assumptions.assumeTrue(OsUser.current().root() && Files.isExecutable(psql) && Files.isExecutable(setpriv),
                "needs root, psql and setpriv to try the socket as another user");
        try (EmbeddedDevDatabase db = openDefault()) {
            String socket = db.server().runDirectory().resolve("socket").toString();
            String port = Integer.toString(db.server().superuserUrl().port());
            List<String> psqlCommand = List.of(psql.toString(), "-h", socket, "-p", port, "-U", "postgres", "-d", "postgres",
                    "-w", "-At", "-c", "SELECT current_user");
            assertEquals("0 postgres", run(psqlCommand), "the run's own user: trusted over the socket");
            List<String> asNobody = new ArrayList<>(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups"));
            asNobody.addAll(psqlCommand);
            String other = run(asNobody);
            assertTrue(other.startsWith("2 ") && other.contains("Permission denied"), other);
        }
    }

    @Test
    void aStoppedServerIsStillEndedByClose() throws Exception {
        EmbeddedDevDatabase db = openDefault();
        long postmaster = db.server().postmasterPid();
        Path run = db.server().runDirectory();
        ServerLauncher.signal(postmaster, "STOP"); // deaf to the immediate shutdown: only SIGKILL ends it
        long started = System.nanoTime();
        db.close();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(seconds >= 6 && seconds <= 12, "SIGKILL after about 7 s, closed in " + seconds + " s");
        assertFalse(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the postmaster is gone");
        assertFalse(Files.exists(run), "the run directory is removed");
        db.close(); // idempotent
    }

    @Test
    void initdbFailureSaysWhyInOneLine() throws Exception {
        Path installation = fakeInstallation("echo 'initdb: warning: something harmless'; echo 'initdb: error: disk full'; exit 1",
                "exit 1");
        RunBase base = RunBase.at(temp.resolve("base"), OsUser.current());
        EmbeddedServer server = new EmbeddedServer(installation, 16, ServerLauncher.forCurrentUser(), base);
        DevDatabaseException e = assertThrows(DevDatabaseException.class, server::start);
        assertEquals("embedded PostgreSQL 16 did not start: initdb: error: disk full", e.getMessage());
        assertEquals(List.of(), runs(base), "the failed run's directory is removed");
        server.close();
    }

    @Test
    void postmasterFailureIsReportedAtOnce() throws Exception {
        Path installation = fakeInstallation("mkdir -p \"$2\"",
                "echo 'LOG:  starting PostgreSQL'; echo 'FATAL:  could not create shared memory segment: No space left on device'; exit 1");
        RunBase base = RunBase.at(temp.resolve("base"), OsUser.current());
        long started = System.nanoTime();
        try (EmbeddedServer server = new EmbeddedServer(installation, 16, ServerLauncher.forCurrentUser(), base)) {
            DevDatabaseException e = assertThrows(DevDatabaseException.class, server::start);
            assertEquals("embedded PostgreSQL 16 did not start: FATAL:  could not create shared memory segment: No space left on "
                    + "device", e.getMessage());
        }
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 30, "not the whole startup wait");
        assertEquals(List.of(), runs(base));
    }

    @Test
    void portTakenMeanwhileIsRetriedThenReported() throws Exception {
        Path count = temp.resolve("postmaster-starts");
        Path installation = fakeInstallation("mkdir -p \"$2\"", "echo start >>'" + count + "'; "
                + "echo 'LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in use'; "
                + "echo 'FATAL:  could not create any TCP/IP sockets'; exit 1");
        RunBase base = RunBase.at(temp.resolve("base"), OsUser.current());
        try (EmbeddedServer server = new EmbeddedServer(installation, 16, ServerLauncher.forCurrentUser(), base)) {
            DevDatabaseException e = assertThrows(DevDatabaseException.class, server::start);
            assertEquals("embedded PostgreSQL 16 did not start: LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in "
                    + "use / FATAL:  could not create any TCP/IP sockets", e.getMessage());
        }
        assertEquals(3, Files.readAllLines(count).size(), "a fresh run on another port, three times");
        assertEquals(List.of(), runs(base));
    }

    /** bin/initdb and bin/postgres as sh scripts with these bodies. */
    private Path fakeInstallation(String initdb, String postgres) throws IOException {
        Path installation = Files.createDirectories(temp.resolve("installation"));
        Path bin = Files.createDirectories(installation.resolve("bin"));
        for (Map.Entry<String, String> tool : Map.of("initdb", initdb, "postgres", postgres).entrySet()) {
            Path script = bin.resolve(tool.getKey());
            Files.writeString(script, "#!/bin/sh\n" + tool.getValue() + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return installation;
    }

    private static List<Path> runs(RunBase base) throws IOException {
        try (var list = Files.list(base.path())) {
            return list.toList();
        }
    }

    @Test
    void baseDirectoryIsCreatedPrivate() throws Exception {
        OsUser me = OsUser.current();
        RunBase base = RunBase.at(temp.resolve("schemagate-" + me.uid()), me);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base.path())));
        RunDirectory run = base.newRun();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.socket())));
        assertEquals(Optional.of(RunOwner.current()), RunOwner.readFrom(run.path()));
    }

    @Test
    void baseDirectoryThatOthersCanEnterIsRefused() throws Exception {
        OsUser me = OsUser.current();
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        DevDatabaseException e = assertThrows(DevDatabaseException.class, () -> RunBase.at(open, me));
        assertEquals("embedded PostgreSQL refuses the run directory " + open + ": other users can access it (rwxr-xr-x, "
                + "must be rwx------); remove it, or point java.io.tmpdir (-Djava.io.tmpdir) elsewhere", e.getMessage());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)), "not silently fixed");

        Path link = Files.createSymbolicLink(temp.resolve("link"), Files.createDirectory(temp.resolve("target")));
        Files.setPosixFilePermissions(temp.resolve("target"), PosixFilePermissions.fromString("rwx------"));
        assertTrue(assertThrows(DevDatabaseException.class, () -> RunBase.at(link, me)).getMessage()
                .contains(": it is a symbolic link;"));
    }

    @Test
    void baseDirectoryOfAnotherUserIsRefused() throws Exception {
        OsUser me = OsUser.current();
        Assumptions.assumeTrue(me.root(), "only root can make a directory that belongs to someone else");
        Path theirs = Files.createDirectory(temp.resolve("theirs"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(theirs, "unix:uid", 65534);
        DevDatabaseException e = assertThrows(DevDatabaseException.class, () -> RunBase.at(theirs, me));
        assertTrue(e.getMessage().contains(": it belongs to uid 65534, not to this user (uid 0);"), e.getMessage());
    }

    @Test
    void sweepRemovesOnlyRunsWhoseJvmIsGone() throws Exception {
        OsUser me = OsUser.current();
        RunBase base = RunBase.at(temp.resolve("base"), me);
        Process exited = new ProcessBuilder("/bin/true").start();
        ProcessHandle.Info exitedInfo = exited.info();
        exited.waitFor();
        Path deadOwner = fakeRun(base, new RunOwner(exited.pid(), exitedInfo.startInstant()));
        RunOwner self = RunOwner.current();
        Path reusedPid = fakeRun(base, new RunOwner(self.pid(), self.started().map(s -> s.minusSeconds(60))));
        Path live = fakeRun(base, self);
        Path beingMade = Files.createDirectory(base.path().resolve("run-beingmade0"));
        Path notARun = Files.createDirectory(base.path().resolve("other"));

        base.removeStale();

        assertFalse(Files.exists(deadOwner), "owner exited");
        assertFalse(Files.exists(reusedPid), "the pid now belongs to a process started at another time");
        assertTrue(Files.exists(live), "this JVM's run");
        assertTrue(Files.exists(beingMade), "no owner record yet, and young: being made");
        assertTrue(Files.exists(notARun));
    }

    private static Path fakeRun(RunBase base, RunOwner owner) throws Exception {
        RunDirectory run = base.newRun();
        owner.writeTo(run.path());
        Files.createDirectories(run.data());
        Files.writeString(run.log(), "log\n");
        return run.path();
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("sslmode", "disable");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private static List<String> hbaRules(Connection c) throws SQLException {
        List<String> rules = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, array_to_string(database, ','), array_to_string(user_name, ','), "
                     + "coalesce(address || '/' || masklen(netmask::inet), ''), auth_method FROM pg_hba_file_rules ORDER BY line_number")) {
            while (rs.next()) {
                StringBuilder rule = new StringBuilder();
                for (int i = 1; i <= 5; i++) {
                    if (!rs.getString(i).isEmpty()) {
                        rule.append(rule.length() == 0 ? "" : " ").append(rs.getString(i));
                    }
                }
                rules.add(rule.toString());
            }
        }
        return rules;
    }

    /** {@code <exit code> <output>}, with a minimal environment (no PGPASSWORD or the like from this JVM). */
    private static String run(List<String> command) throws Exception {
        Process process = ServerLauncher.builder(command, Path.of("/")).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue() + " " + out;
    }
}
