package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private PostgreSQL server for one run: initdb into a fresh run directory, the postmaster under a
 * {@link ServerSupervisor} on a free 127.0.0.1 port, and everything removed by {@link #close}. The bootstrap
 * superuser {@code postgres} has a random password and is reached over TCP with it; the Unix socket trusts the local
 * user, but sits in a 0700 directory only this OS user can enter.
 *
 * <p>Made first and started second, so a shutdown hook that holds the server can stop a start under way.
 */
final class EmbeddedServer implements AutoCloseable {

    /** initdb and a cold start on a slow shared runner can take long; a hung start must still end. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(90);
    /** A normal close: the supervisor's own SIGKILL (at 7 s) fits in it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** The JVM is going down (shutdown hook): an immediate shutdown takes well under a second. */
    private static final Duration ABRUPT_CLOSE_WAIT = Duration.ofSeconds(5);
    /** A free port can be taken by someone else before the postmaster binds it: a new run then tries another. */
    private static final int START_ATTEMPTS = 3;
    /** Unix socket paths are limited to about 107 bytes; the socket file adds {@code /.s.PGSQL.65535}. */
    static final int MAX_SOCKET_DIRECTORY = 90;
    static final String SUPERUSER = "postgres";
    /**
     * What shapes the cluster initdb makes; a kept cluster made with others is not used ({@link DataDirSnapshots} keeps
     * them in its header). 1 MB WAL segments, not 16: the snapshot, copied into every run, holds at least one.
     */
    static final List<String> INITDB_OPTIONS = List.of("-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--auth-local=trust",
            "--auth-host=scram-sha-256", "--wal-segsize=1");
    /** What initdb writes into postgresql.conf; locale, time zone and text search follow the machine it ran on. */
    private static final Set<String> INITDB_SETTINGS = Set.of("max_connections", "shared_buffers",
            "dynamic_shared_memory_type", "max_wal_size", "min_wal_size", "log_timezone", "timezone", "datestyle",
            "lc_messages", "lc_monetary", "lc_numeric", "lc_time", "default_text_search_config");
    /** {@code name = value  # comment}, the value a word, a size or a quoted list of plain words. */
    private static final Pattern SETTING = Pattern.compile(
            "\\s*([A-Za-z_]+)\\s*=\\s*([A-Za-z0-9_./+-]+|'[A-Za-z0-9_./+, -]*')\\s*(?:#.*)?");
    /**
     * The cluster is thrown away after the run: durability costs time and buys nothing. max_connections: the dev
     * session and housekeeping need a few, nobody else connects.
     */
    private static final List<String> SERVER_SETTINGS = List.of(
            "fsync=off",
            "full_page_writes=off",
            "synchronous_commit=off",
            "max_connections=20",
            "listen_addresses=127.0.0.1",
            "unix_socket_permissions=0700",
            // Nothing runs beside the server, whatever its files say (a kept cluster's included).
            "archive_mode=off",
            "shared_preload_libraries=",
            "session_preload_libraries=",
            // A kept cluster holds no more write-ahead log than it needs.
            "min_wal_size=32MB",
            "wal_recycle=off");
    /**
     * Who may log in how: the run's OS user over the socket (only it can enter the socket directory), password
     * (SCRAM) over loopback TCP, nothing else; no replication.
     */
    static final String PG_HBA = """
            # schemagate embedded server: written by schemagate, replaced at every start
            local all all trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final Path installation;
    private final int major;
    private final ServerLauncher launcher;
    private final RunBase base;
    /** Where a stopped cluster holding cached bases is kept between runs; null: always initdb, keep nothing. */
    private final DataDirSnapshots snapshots;
    private final MemoryRunBase memory;
    /** The kept cluster did not start in memory after all: the next attempt runs on disk. */
    private boolean memoryDeclined;

    /** Guards the fields below against a close from the shutdown hook while start runs. */
    private final Object lock = new Object();
    private boolean closed;
    private RunDirectory run;
    private Process initdb;
    private ServerSupervisor supervisor;
    /** Watches a run in memory; kept after the stop for {@link #stopped()}. */
    private MemoryWatch watch;
    private long postmasterPid;
    private int port;
    private String password;
    /** This attempt copied a kept cluster instead of running initdb. */
    private volatile boolean startingFromSnapshot;
    /** A kept cluster failed to start in this run: initdb from now on. */
    private volatile boolean snapshotFailed;

    /**
     * @param installation the unpacked binaries ({@link BinariesCache})
     * @param major        the major the URL asked for, for messages
     */
    EmbeddedServer(Path installation, int major, ServerLauncher launcher, RunBase base) {
        this(installation, major, launcher, base, null, null);
    }

    /**
     * @param snapshots where the cluster is kept between runs ({@link #keep}) and started from; null for never
     * @param memory    where a run that starts from the kept cluster may live instead of {@code base}; null for never
     */
    EmbeddedServer(Path installation, int major, ServerLauncher launcher, RunBase base, DataDirSnapshots snapshots,
                   MemoryRunBase memory) {
        this.installation = installation;
        this.major = major;
        this.launcher = launcher;
        this.base = base;
        this.snapshots = snapshots;
        this.memory = memory;
    }

    /** Sweeps stale runs, then makes the cluster and starts it; returns once it accepts connections. */
    void start() throws DevDatabaseException {
        base.removeStale();
        if (memory != null) {
            memory.removeStale();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                startIn(runBase().newRun());
                return;
            } catch (NotFromSnapshot e) {
                stopRun();
                memoryDeclined = true; // initdb's cluster grows by an unknown amount: on disk
            } catch (PortTaken e) {
                stopRun();
                if (attempt == START_ATTEMPTS) {
                    throw new DevDatabaseException(failure(e.getMessage()));
                }
            } catch (DevDatabaseException e) {
                stopRun();
                boolean fromSnapshot = startingFromSnapshot;
                startingFromSnapshot = false;
                synchronized (lock) {
                    if (closed) {
                        throw e; // stopped while starting: not the kept cluster's fault
                    }
                }
                if (!fromSnapshot) {
                    throw e;
                }
                // A kept cluster that does not start is not trusted again: this run and the next begin with initdb.
                snapshots.discard();
                snapshotFailed = true;
            }
        }
    }

    /** In memory when the run will start from a kept cluster that fits there; on disk otherwise (initdb's size is unknown). */
    private RunBase runBase() {
        if (snapshots == null || snapshotFailed || memory == null || memoryDeclined) {
            return base;
        }
        OptionalLong kept = snapshots.size();
        return kept.isPresent() ? memory.fitting(kept.getAsLong()).orElse(base) : base;
    }

    /** Signals that a run placed in memory found no sound kept cluster to start from after all. */
    private static final class NotFromSnapshot extends Exception {
        NotFromSnapshot() {
            super(null, null, false, false);
        }
    }

    /** Signals that the chosen port was taken before the postmaster bound it. */
    private static final class PortTaken extends Exception {
        PortTaken(String message) {
            super(message, null, false, false);
        }
    }

    private void startIn(RunDirectory attemptRun) throws DevDatabaseException, PortTaken, NotFromSnapshot {
        String secret = RandomPassword.of(32);
        synchronized (lock) {
            if (closed) {
                DirectoryTree.delete(attemptRun.path());
                throw new DevDatabaseException(failure("stopped while starting"));
            }
            run = attemptRun;
            password = secret;
        }
        if (attemptRun.socket().toString().length() > MAX_SOCKET_DIRECTORY) {
            throw new DevDatabaseException(failure("the run directory " + attemptRun.path() + " is too long a path for the "
                    + "server's Unix socket; point java.io.tmpdir (-Djava.io.tmpdir) at a shorter one"));
        }
        startingFromSnapshot = snapshots != null && !snapshotFailed && snapshots.restoreInto(attemptRun.data());
        boolean inMemory = memory != null && memory.holds(attemptRun);
        if (inMemory && !startingFromSnapshot) {
            throw new NotFromSnapshot();
        }
        if (startingFromSnapshot) {
            scrubConfiguration(attemptRun.data());
            resetSuperuserPassword(attemptRun, secret);
        } else {
            initdb(attemptRun, secret);
        }
        int chosenPort = freePort();
        List<String> arguments = new ArrayList<>(List.of("-D", attemptRun.data().toString(), "-p", Integer.toString(chosenPort),
                "-c", "unix_socket_directories=\"" + attemptRun.socket() + "\""));
        for (String setting : SERVER_SETTINGS) {
            arguments.addAll(List.of("-c", setting));
        }
        ServerSupervisor started;
        synchronized (lock) {
            if (closed) {
                throw new DevDatabaseException(failure("stopped while starting"));
            }
            try {
                started = ServerSupervisor.start(attemptRun, ServerSupervisor.Shutdown.POSTMASTER,
                        launcher.serverCommand(tool("postgres"), arguments));
            } catch (IOException e) {
                throw new DevDatabaseException(failure("cannot start " + tool("postgres") + ": " + e.getMessage()), e);
            }
            supervisor = started;
            port = chosenPort;
        }
        long pid = awaitReady(attemptRun, started);
        synchronized (lock) {
            postmasterPid = pid;
            if (inMemory) {
                watch = new MemoryWatch(memory::free, memory.floor(), pid, server -> ServerLauncher.signal(server, "QUIT"))
                        .start();
            }
        }
    }

    /** initdb with the superuser's password from a 0600 file that exists only while initdb runs. */
    private void initdb(RunDirectory attemptRun, String secret) throws DevDatabaseException {
        Path passwordFile = attemptRun.passwordFile();
        try {
            Files.writeString(Files.createFile(passwordFile,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            List<String> arguments = new ArrayList<>(List.of("-D", attemptRun.data().toString(), "--pwfile=" + passwordFile,
                    "--no-sync", "--no-instructions"));
            arguments.addAll(INITDB_OPTIONS);
            Process process;
            synchronized (lock) {
                if (closed) {
                    throw new DevDatabaseException(failure("stopped while starting"));
                }
                process = ServerLauncher.builder(launcher.serverCommand(tool("initdb"), arguments), attemptRun.path())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(attemptRun.log().toFile()))
                        .start();
                initdb = process;
            }
            process.getOutputStream().close();
            if (!process.waitFor(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DevDatabaseException(failure("initdb did not finish within " + STARTUP_WAIT.toSeconds() + " s"));
            }
            if (process.exitValue() != 0) {
                throw new DevDatabaseException(failure(logProblem(attemptRun)
                        .orElseGet(() -> logTail(attemptRun, "initdb exited with " + process.exitValue()))));
            }
            Files.writeString(attemptRun.data().resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new DevDatabaseException(failure(logProblem(attemptRun).orElse(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevDatabaseException(failure("interrupted"), e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // the run directory (0700) goes at close
            }
        }
    }

    /**
     * A kept cluster starts with what schemagate sets and nothing a run may have left: settings made with ALTER SYSTEM
     * go, and so does anything that would start it as a standby or from a backup.
     */
    private static void scrubConfiguration(Path data) throws DevDatabaseException {
        try {
            Files.writeString(data.resolve("postgresql.auto.conf"), "# schemagate: emptied at every start of a kept cluster\n",
                    StandardCharsets.UTF_8);
            Path conf = data.resolve("postgresql.conf");
            Files.write(conf, initdbSettings(Files.readAllLines(conf, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            for (String leftover : List.of("recovery.signal", "standby.signal", "backup_label", "tablespace_map")) {
                Files.deleteIfExists(data.resolve(leftover));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DevDatabaseException("embedded PostgreSQL: cannot prepare the kept cluster: " + e.getMessage(), e);
        }
    }

    /**
     * Of a kept cluster's postgresql.conf, only the settings initdb writes, with plain values: the snapshot comes from
     * a cache directory that others may write, and settings such as {@code ssl_passphrase_command}, {@code include_dir}
     * or {@code jit_provider} would run or load what they name when the server starts.
     */
    static List<String> initdbSettings(List<String> lines) {
        List<String> kept = new ArrayList<>();
        kept.add("# schemagate: only initdb's settings are kept at every start of a kept cluster");
        for (String line : lines) {
            Matcher setting = SETTING.matcher(line);
            if (setting.matches() && INITDB_SETTINGS.contains(setting.group(1).toLowerCase(Locale.ROOT))) {
                kept.add(setting.group(1) + " = " + setting.group(2));
            }
        }
        return kept;
    }

    /**
     * A cluster copied from a snapshot has the superuser password of the run that saved it: a standalone backend (no
     * socket, no port) sets this run's, as a SCRAM verifier so no log can hold the password itself.
     */
    private void resetSuperuserPassword(RunDirectory attemptRun, String secret) throws DevDatabaseException {
        String verifier = RandomPassword.scramVerifier(secret);
        List<String> arguments = List.of("--single", "-D", attemptRun.data().toString(), "-c", "exit_on_error=on",
                "-c", "log_statement=none", SUPERUSER);
        try {
            Process process;
            synchronized (lock) {
                if (closed) {
                    throw new DevDatabaseException(failure("stopped while starting"));
                }
                process = ServerLauncher.builder(launcher.serverCommand(tool("postgres"), arguments), attemptRun.path())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(attemptRun.log().toFile()))
                        .start();
                initdb = process;
            }
            try (var in = process.getOutputStream()) {
                in.write(("ALTER ROLE " + SUPERUSER + " PASSWORD '" + verifier + "'\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DevDatabaseException(failure("the standalone backend did not finish within "
                        + STARTUP_WAIT.toSeconds() + " s"));
            }
            if (process.exitValue() != 0) {
                throw new DevDatabaseException(failure(logProblem(attemptRun)
                        .orElseGet(() -> logTail(attemptRun, "the standalone backend exited with " + process.exitValue()))));
            }
            Files.writeString(attemptRun.data().resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new DevDatabaseException(failure(logProblem(attemptRun).orElse(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevDatabaseException(failure("interrupted"), e);
        }
    }

    /**
     * Stops the server cleanly and keeps its data directory as the snapshot the next runs start from. The caller has
     * dropped the run's own database and role first; {@link #close} still removes the run directory.
     */
    void keep() {
        if (snapshots == null) {
            return;
        }
        RunDirectory keeping;
        long pid;
        synchronized (lock) {
            if (closed || run == null || postmasterPid == 0) {
                return;
            }
            keeping = run;
            pid = postmasterPid;
        }
        // Stopped here, not by the supervisor: it removes the run directory as soon as the server is gone.
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return;
        }
        ServerLauncher.signal(pid, "INT"); // fast shutdown: sessions end, a checkpoint is written
        // Its pid file goes last thing; the process itself lingers as a zombie until the supervisor reaps it.
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (Files.exists(keeping.data().resolve("postmaster.pid")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        snapshots.save(keeping.data()); // checks the pid file and pg_control itself: an unclean stop is not kept
    }

    /** Waits until the postmaster says {@code ready} in its pid file; returns its pid. */
    private long awaitReady(RunDirectory attemptRun, ServerSupervisor started) throws DevDatabaseException, PortTaken {
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lock) {
                if (closed) {
                    throw new DevDatabaseException(failure("stopped while starting"));
                }
            }
            Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(attemptRun.data());
            if (pidFile.isPresent() && pidFile.get().ready()) {
                return pidFile.get().pid();
            }
            Optional<String> problem = logProblem(attemptRun);
            if (problem.isPresent() || !started.alive()) {
                String why = problem.orElseGet(() -> logTail(attemptRun, "the server exited"));
                Optional<String> bind = logLine(attemptRun, "Address already in use");
                if (bind.isPresent()) {
                    throw new PortTaken(bind.get() + " / " + why);
                }
                throw new DevDatabaseException(failure(why));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevDatabaseException(failure("interrupted"), e);
            }
        }
        throw new DevDatabaseException(failure(logProblem(attemptRun)
                .orElse("not ready within " + STARTUP_WAIT.toSeconds() + " s")));
    }

    /** The superuser's login: TCP to 127.0.0.1 with the run's password, no TLS (loopback only). */
    PostgresUrl superuserUrl() {
        synchronized (lock) {
            return new PostgresUrl("postgres", SUPERUSER, password, "127.0.0.1", port, "postgres", Map.of("sslmode", "disable"),
                    Optional.empty());
        }
    }

    /** Why schemagate stopped the server under the run (it outgrew the memory it may use); empty while it did not. */
    Optional<String> stopped() {
        synchronized (lock) {
            return watch == null ? Optional.empty() : watch.stopped();
        }
    }

    long postmasterPid() {
        synchronized (lock) {
            return postmasterPid;
        }
    }

    /** For tests and messages: where the cluster, socket and log live. */
    Path runDirectory() {
        synchronized (lock) {
            return run == null ? null : run.path();
        }
    }

    @Override
    public void close() {
        close(false);
    }

    /**
     * Stops the server (immediate shutdown, bounded wait, then SIGKILL) and removes the run directory. Idempotent, never
     * throws, safe while {@link #start} runs in another thread.
     *
     * @param abrupt the JVM is going down: a shorter wait
     */
    void close(boolean abrupt) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stopRun(abrupt ? ABRUPT_CLOSE_WAIT : CLOSE_WAIT);
        } catch (RuntimeException ignored) {
            // close never throws; the next start sweeps what is left
        }
    }

    private void stopRun() {
        stopRun(CLOSE_WAIT);
    }

    /** Stops what the current attempt started and removes its run directory. */
    private void stopRun(Duration wait) {
        RunDirectory stopping;
        Process initdbProcess;
        ServerSupervisor stoppingSupervisor;
        synchronized (lock) {
            if (watch != null) {
                watch.close();
            }
            stopping = run;
            initdbProcess = initdb;
            stoppingSupervisor = supervisor;
            run = null;
            initdb = null;
            supervisor = null;
            postmasterPid = 0;
        }
        if (initdbProcess != null && initdbProcess.isAlive()) {
            initdbProcess.destroyForcibly();
        }
        if (stopping == null) {
            return;
        }
        // Read before the supervisor stops it: the pid file goes with a clean shutdown.
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(stopping.data());
        if (stoppingSupervisor != null && !stoppingSupervisor.stop(wait)) {
            pidFile.ifPresent(pid -> PostmasterStop.stop(pid.pid(), stopping.data(), Duration.ofSeconds(2)));
        }
        DirectoryTree.delete(stopping.path());
    }

    /** {@code embedded PostgreSQL 16 did not start: why}. */
    private String failure(String why) {
        return "embedded PostgreSQL " + major + " did not start: " + why;
    }

    /**
     * The last lines the server tools logged that say what went wrong (e.g. "initdb: error: …", "FATAL: …"), if any.
     */
    private static Optional<String> logProblem(RunDirectory attemptRun) {
        try {
            List<String> errors = Files.readAllLines(attemptRun.log(), StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> line.contains("FATAL") || line.contains("PANIC") || line.contains("error:"))
                    .toList();
            if (!errors.isEmpty()) {
                return Optional.of(lastTwo(errors));
            }
        } catch (IOException | UncheckedIOException ignored) {
            // no log yet
        }
        return Optional.empty();
    }

    /** The first log line that contains {@code text}. */
    private static Optional<String> logLine(RunDirectory attemptRun, String text) {
        try {
            return Files.readAllLines(attemptRun.log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(text)).map(String::strip).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The log's last lines, whatever they say: for a tool that failed without an error line. */
    private static String logTail(RunDirectory attemptRun, String otherwise) {
        try {
            List<String> lines = Files.readAllLines(attemptRun.log(), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (!lines.isEmpty()) {
                return otherwise + ": " + lastTwo(lines);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // no log
        }
        return otherwise;
    }

    private static String lastTwo(List<String> lines) {
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
    }

    private Path tool(String name) {
        return installation.resolve("bin").resolve(name);
    }

    private static int freePort() throws DevDatabaseException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevDatabaseException("embedded PostgreSQL cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
