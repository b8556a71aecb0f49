package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.CacheDir;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DirectoryTree;
import io.schemagate.core.devdb.OsUser;
import io.schemagate.core.devdb.RandomPassword;
import io.schemagate.core.devdb.RunBase;
import io.schemagate.core.devdb.RunDirectory;
import io.schemagate.core.devdb.ServerLauncher;
import io.schemagate.core.devdb.ServerSupervisor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server for one run, the embedded dev database of {@code mysql}/{@code mariadb} migration
 * directories: the bundled {@code mariadbd} ({@link MariaDbBinaries}), a data directory bootstrapped into a fresh run
 * directory, the server under a {@link ServerSupervisor} on a free port of 127.0.0.1, and everything removed by
 * {@link #close()} or, when the JVM dies first, by the supervisor.
 *
 * <p>Reached over loopback TCP as {@code root} with a random password (the driver needs TCP unless it loads JNA for
 * a Unix socket; the password keeps the machine's other users out). What a hostile migration could use to reach the
 * runner's files is switched off: {@code secure_file_priv} is an empty private directory (no {@code LOAD DATA
 * INFILE}, {@code SELECT … INTO OUTFILE} or {@code LOAD_FILE} elsewhere), {@code local_infile} is off, the plugin
 * directory is empty (no {@code INSTALL SONAME}), and {@code DATA/INDEX DIRECTORY} is ignored. As root the server runs
 * in a user namespace where the tools allow it ({@code unshare -U}, as the embedded PostgreSQL), so it holds none of
 * root's capabilities; else with {@code --user=root}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** A cold start on a slow shared runner can take long; a hung start must still end. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(90);
    /** A normal close: the supervisor's own escalation (SIGKILL at 8 s) fits in it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** A free port can be taken by someone else before mariadbd binds it: a new run then tries another. */
    private static final int START_ATTEMPTS = 3;
    /** Unix socket paths are limited to 107 bytes. */
    private static final int MAX_SOCKET_PATH = 100;
    /**
     * The pid file's name and place ({@code data/}) are those of the PostgreSQL runs: the sweep of stale run
     * directories ({@link RunBase#removeStale}) then stops a mariadbd whose JVM and supervisor were both killed.
     */
    static final String PID_FILE = "postmaster.pid";

    private final Path installation;
    private final Launch launch;
    private final RunBase base;

    /** Guards the fields below against a close from another thread while start runs. */
    private final Object lock = new Object();
    private boolean closed;
    private RunDirectory run;
    private Process bootstrap;
    private ServerSupervisor supervisor;
    private long serverPid;
    private MariaDbLogin login;

    /**
     * How mariadbd is launched: as root inside a user namespace ({@code prefix} = {@code unshare -U}), or with
     * {@code --user=root} where there is none; as anyone else, plainly.
     */
    private record Launch(List<String> prefix, List<String> userOption) {
    }

    private EmbeddedMariaDb(Path installation, Launch launch, RunBase base) {
        this.installation = installation;
        this.launch = launch;
        this.base = base;
    }

    /**
     * Unpacks the binaries into the cache directory if needed, sweeps stale runs, bootstraps a data directory and
     * starts the server; returns once it accepts the root login.
     */
    public static EmbeddedMariaDb start() throws DevDatabaseException {
        Path installation = MariaDbBinaries.installation(CacheDir.resolveTrusted());
        EmbeddedMariaDb server = new EmbeddedMariaDb(installation, launch(), RunBase.forCurrentUser());
        try {
            server.startServer();
        } catch (DevDatabaseException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Launch launch() throws DevDatabaseException {
        OsUser user;
        try {
            user = OsUser.current();
        } catch (IOException | RuntimeException e) {
            throw new DevDatabaseException("embedded MariaDB cannot tell which user it runs as: " + e.getMessage(), e);
        }
        if (!user.root()) {
            return new Launch(List.of(), List.of());
        }
        try {
            return new Launch(ServerLauncher.forCurrentUser().serverPrefix(), List.of());
        } catch (DevDatabaseException noUserNamespace) {
            // mariadbd, unlike PostgreSQL, runs as root when told to.
            return new Launch(List.of(), List.of("--user=root"));
        }
    }

    private void startServer() throws DevDatabaseException {
        base.removeStale();
        for (int attempt = 1; ; attempt++) {
            try {
                startIn(base.newRun());
                return;
            } catch (PortTaken e) {
                stopRun();
                if (attempt == START_ATTEMPTS) {
                    throw new DevDatabaseException(failure(e.getMessage()));
                }
            } catch (DevDatabaseException e) {
                stopRun();
                throw e;
            }
        }
    }

    /** Signals that the chosen port was taken before mariadbd bound it. */
    private static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message, null, false, false);
        }
    }

    private void startIn(RunDirectory attemptRun) throws DevDatabaseException, PortTaken {
        synchronized (lock) {
            if (closed) {
                DirectoryTree.delete(attemptRun.path());
                throw new DevDatabaseException(failure("stopped while starting"));
            }
            run = attemptRun;
        }
        Path socket = attemptRun.socket().resolve("mysqld.sock");
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            throw new DevDatabaseException(failure("the run directory " + attemptRun.path() + " is too long a path for the "
                    + "server's Unix socket; point java.io.tmpdir (-Djava.io.tmpdir) at a shorter one"));
        }
        try {
            for (Path directory : List.of(attemptRun.data(), tmp(attemptRun), files(attemptRun), plugins(attemptRun))) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new DevDatabaseException(failure("cannot create its directories in " + attemptRun.path() + ": " + e.getMessage()), e);
        }
        String password = RandomPassword.of(32);
        bootstrap(attemptRun, password);
        int port = freePort();
        List<String> options = new ArrayList<>(commonOptions(attemptRun));
        options.addAll(List.of(
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--socket=" + socket,
                "--pid-file=" + attemptRun.data().resolve(PID_FILE),
                "--max-connections=50"));
        long logStart = logSize(attemptRun);
        ServerSupervisor started;
        synchronized (lock) {
            if (closed) {
                throw new DevDatabaseException(failure("stopped while starting"));
            }
            try {
                started = ServerSupervisor.start(attemptRun, ServerSupervisor.Shutdown.MARIADBD, serverCommand(options));
            } catch (IOException e) {
                throw new DevDatabaseException(failure("cannot start " + server() + ": " + e.getMessage()), e);
            }
            supervisor = started;
        }
        awaitReady(attemptRun, started, logStart);
        MariaDbLogin ready = new MariaDbLogin(MariaDbBootstrap.HOST, port, MariaDbBootstrap.USER, password, "");
        String version = version(ready);
        long pid = readPid(attemptRun).orElse(0L);
        synchronized (lock) {
            login = new MariaDbLogin(ready.host(), port, ready.user(), password, version);
            serverPid = pid;
        }
    }

    /**
     * Options of both the bootstrap and the server. {@code --no-defaults} first: no my.cnf of the machine applies.
     * The data is thrown away after the run, so durability is traded for speed; TLS is off since mariadbd 11.4 would
     * otherwise generate a certificate at every start (seconds of CPU) for loopback traffic.
     */
    private List<String> commonOptions(RunDirectory attemptRun) {
        List<String> options = new ArrayList<>(List.of("--no-defaults"));
        options.addAll(launch.userOption());
        options.addAll(List.of(
                "--basedir=" + installation,
                "--datadir=" + attemptRun.data(),
                "--tmpdir=" + tmp(attemptRun),
                "--lc-messages-dir=" + installation.resolve("share"),
                "--character-sets-dir=" + installation.resolve("share/charsets"),
                "--plugin-dir=" + plugins(attemptRun),
                "--secure-file-priv=" + files(attemptRun),
                "--local-infile=0",
                "--skip-symbolic-links",
                "--skip-ssl",
                "--character-set-server=utf8mb4",
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=16M",
                "--innodb-undo-tablespaces=0",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0"));
        return options;
    }

    /** {@code mariadbd --bootstrap} with the system tables and the root account on stdin. */
    private void bootstrap(RunDirectory attemptRun, String password) throws DevDatabaseException {
        List<String> options = new ArrayList<>(commonOptions(attemptRun));
        options.add("--bootstrap");
        try {
            String script = MariaDbBootstrap.script(installation, password);
            Process process;
            synchronized (lock) {
                if (closed) {
                    throw new DevDatabaseException(failure("stopped while starting"));
                }
                process = ServerLauncher.builder(serverCommand(options), attemptRun.path())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(attemptRun.log().toFile()))
                        .start();
                bootstrap = process;
            }
            try (OutputStream in = process.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DevDatabaseException(failure("the bootstrap did not finish within " + STARTUP_WAIT.toSeconds() + " s"));
            }
            if (process.exitValue() != 0) {
                throw new DevDatabaseException(failure(MariaDbLog.problem(attemptRun.log(), 0)
                        .orElseGet(() -> MariaDbLog.tail(attemptRun.log(), "the bootstrap exited with " + process.exitValue()))));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DevDatabaseException(failure(MariaDbLog.problem(attemptRun.log(), 0).orElse("bootstrap: " + e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevDatabaseException(failure("interrupted"), e);
        }
    }

    /** Waits until mariadbd logs that it is ready for connections. */
    private void awaitReady(RunDirectory attemptRun, ServerSupervisor started, long logStart) throws DevDatabaseException, PortTaken {
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lock) {
                if (closed) {
                    throw new DevDatabaseException(failure("stopped while starting"));
                }
            }
            if (MariaDbLog.line(attemptRun.log(), logStart, "ready for connections").isPresent()) {
                return;
            }
            Optional<String> problem = MariaDbLog.problem(attemptRun.log(), logStart);
            if (problem.isPresent() || !started.alive()) {
                Optional<String> bind = MariaDbLog.line(attemptRun.log(), logStart, "Address already in use");
                if (bind.isPresent()) {
                    throw new PortTaken(bind.get());
                }
                throw new DevDatabaseException(failure(problem.orElseGet(() -> MariaDbLog.tail(attemptRun.log(), "the server exited"))));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevDatabaseException(failure("interrupted"), e);
            }
        }
        throw new DevDatabaseException(failure(MariaDbLog.problem(attemptRun.log(), logStart)
                .orElse("not ready within " + STARTUP_WAIT.toSeconds() + " s")));
    }

    /** Logs in as root once: proves the account works, and tells the version. */
    private String version(MariaDbLogin ready) throws DevDatabaseException {
        Properties properties = new Properties();
        properties.setProperty("user", ready.user());
        properties.setProperty("password", ready.password());
        properties.setProperty("connectTimeout", "10000");
        try (Connection connection = DriverManager.getConnection(ready.jdbcUrl(), properties);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new DevDatabaseException(failure("it started, but the root login fails: " + e.getMessage()), e);
        }
    }

    /** How to reach the server. */
    public MariaDbLogin login() {
        synchronized (lock) {
            if (login == null) {
                throw new IllegalStateException("the embedded MariaDB server is " + (closed ? "closed" : "not started"));
            }
            return login;
        }
    }

    /** The version string, e.g. {@code 11.4.5-MariaDB}. */
    public String version() {
        return login().version();
    }

    /** mariadbd's process id; 0 once closed. */
    public long serverPid() {
        synchronized (lock) {
            return serverPid;
        }
    }

    /** For tests and messages: where the data, socket and log live; null once closed. */
    public Path runDirectory() {
        synchronized (lock) {
            return run == null ? null : run.path();
        }
    }

    /**
     * Stops the server (SIGTERM, bounded wait, then SIGKILL) and removes its run directory. Idempotent, never throws,
     * safe while {@link #start} runs in another thread.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stopRun();
        } catch (RuntimeException ignored) {
            // close never throws; the next start sweeps what is left
        }
    }

    /** Stops what the current attempt started and removes its run directory. */
    private void stopRun() {
        RunDirectory stopping;
        Process bootstrapProcess;
        ServerSupervisor stoppingSupervisor;
        long pid;
        synchronized (lock) {
            stopping = run;
            bootstrapProcess = bootstrap;
            stoppingSupervisor = supervisor;
            pid = serverPid;
            run = null;
            login = null;
            bootstrap = null;
            supervisor = null;
            serverPid = 0;
        }
        if (bootstrapProcess != null && bootstrapProcess.isAlive()) {
            bootstrapProcess.destroyForcibly();
        }
        if (stoppingSupervisor != null && !stoppingSupervisor.stop(CLOSE_WAIT) && pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (stopping != null) {
            DirectoryTree.delete(stopping.path());
        }
    }

    private List<String> serverCommand(List<String> options) {
        List<String> command = new ArrayList<>(launch.prefix());
        command.add(server().toString());
        command.addAll(options);
        return command;
    }

    private Path server() {
        return installation.resolve(MariaDbBinaries.SERVER);
    }

    private static Path tmp(RunDirectory run) {
        return run.path().resolve("tmp");
    }

    /** secure_file_priv: empty, private, and gone with the run. */
    private static Path files(RunDirectory run) {
        return run.path().resolve("files");
    }

    /** plugin_dir: empty, so INSTALL SONAME finds nothing to load. */
    private static Path plugins(RunDirectory run) {
        return run.path().resolve("plugins");
    }

    private static Optional<Long> readPid(RunDirectory run) {
        try {
            return Optional.of(Long.parseLong(Files.readString(run.data().resolve(PID_FILE), StandardCharsets.UTF_8).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long logSize(RunDirectory run) {
        try {
            return Files.size(run.log());
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code embedded MariaDB 11.4.5 did not start: why}. */
    private static String failure(String why) {
        return "embedded MariaDB " + MariaDbBinaries.VERSION + " did not start: " + why;
    }

    private static int freePort() throws DevDatabaseException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevDatabaseException("embedded MariaDB cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
