package io.schemagate.core.devdb;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.VersionComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A throw-away database container for a {@code docker://} dev URL, started through Testcontainers, which finds the
 * engine as Java users configure it (DOCKER_HOST, {@code ~/.testcontainers.properties}, the docker context, the
 * usual Docker and Podman sockets), pulls the image when it is missing and publishes the server's port. The
 * container is named {@code sg_dev_…}, labelled {@value #LABEL}, and force-removed with its volumes by
 * {@link #close()}; the superuser's password is random and only ever in {@link Login}.
 *
 * <p>Use: {@code container = DatabaseContainer.of(url)}, arm the caller's cleanup (a {@link GuardedDevDatabase}
 * whose {@code release} closes it), then {@code Login login = container.start()}. Every failure is one line naming
 * the image and the engine.
 */
public final class DatabaseContainer implements AutoCloseable {

    public static final String LABEL = "io.schemagate.dev-database";
    /** The official images' entrypoints run initdb or mariadb-install-db and a set-up server before the real one. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Where the started server takes logins: as its superuser ({@code postgres}, or {@code root} for MySQL and
     * MariaDB, who may create databases and users), on the engine's host and the published port.
     *
     * @param serverVersion as the server reports it, e.g. {@code 16.4} or {@code 10.11.6-MariaDB-0+deb12u1}
     */
    public record Login(String host, int port, String user, String password, String database, String serverVersion) {
        @Override
        public String toString() {
            return user + ":****@" + UrlText.host(host) + ":" + port + "/" + database + " (" + serverVersion + ")";
        }
    }

    private final DockerUrl url;
    private final String name = ScratchName.next();
    private final String password = RandomPassword.of(24);
    private final AtomicBoolean startCalled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DockerClient client;
    private volatile String engine = "the container engine";
    private volatile Login login;

    private DatabaseContainer(DockerUrl url) {
        this.url = url;
    }

    /** A container for {@code url}, not started yet: nothing exists outside the JVM until {@link #start()}. */
    public static DatabaseContainer of(DockerUrl url) {
        return new DatabaseContainer(url);
    }

    /** The container's name, {@code sg_dev_…}, known before it exists so a signal can remove it at any moment. */
    public String name() {
        return name;
    }

    /** The image, e.g. {@code postgres:16}. */
    public String image() {
        return url.image();
    }

    /** The engine as found, e.g. {@code Podman at unix:///run/podman/podman.sock}; a placeholder before {@link #start()}. */
    public String engine() {
        return engine;
    }

    /** The login once {@link #start()} returned; null before. */
    public Login login() {
        return login;
    }

    /**
     * Finds the engine, pulls the image if missing, starts the container and waits (at most
     * {@link #READY_TIMEOUT}, plus Testcontainers' {@code pull.timeout} for a pull) until the server takes logins.
     * On failure the container is gone again.
     */
    public Login start() throws DevDatabaseException {
        if (!startCalled.compareAndSet(false, true)) {
            throw new IllegalStateException("start() runs once");
        }
        client = engineClient();
        engine = describeEngine(client);
        // Not closed here (closing a Testcontainers container stops it): it outlives this method, close() removes it.
        JdbcDatabaseContainer<?> container = container();
        container.withLabel(LABEL, "true")
                .withCreateContainerCmdModifier(create -> {
                    create.withName(name);
                    if (loopbackOnly()) {
                        onLoopback(create.getHostConfig());
                    }
                })
                .withStartupAttempts(1)
                .withStartupTimeout(READY_TIMEOUT);
        try {
            if (closed.get()) {
                throw new DevDatabaseException("the " + url.image() + " container was not started: schemagate is stopping");
            }
            container.start();
            String host = container.getHost();
            int port = container.getMappedPort(url.kind().port());
            String version = switch (url.kind()) {
                case POSTGRES -> postgresVersion(host, port);
                case MYSQL, MARIADB -> ((Greeted) container).greeting().serverVersion().orElse("unknown");
            };
            login = new Login(host, port, container.getUsername(), password, url.database(), version);
            return login;
        } catch (RuntimeException e) {
            close();
            throw failure(e);
        } catch (DevDatabaseException e) {
            close();
            throw e;
        }
    }

    private JdbcDatabaseContainer<?> container() {
        DockerImageName image = DockerImageName.parse(url.image());
        return switch (url.kind()) {
            case POSTGRES -> new PostgreSQLContainer(image)
                    .withUsername("postgres").withPassword(password).withDatabaseName(url.database())
                    // Thrown away after the run: durability costs time and buys nothing.
                    .withCommand("postgres", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off");
            case MYSQL -> new GreetedMySql(image).withUsername("root").withPassword(password).withDatabaseName(url.database());
            case MARIADB -> new GreetedMariaDb(image).withUsername("root").withPassword(password).withDatabaseName(url.database());
        };
    }

    /**
     * Whether the published port can be bound to the engine host's loopback: when the engine is on this machine (a
     * Unix socket) and schemagate is not itself in a container (a sibling container reaches it through the bridge),
     * so nothing but this machine reaches the superuser. Testcontainers alone would publish on every interface.
     */
    static boolean loopbackOnly(URI dockerHost, boolean insideContainer) {
        return "unix".equals(dockerHost.getScheme()) && !insideContainer;
    }

    private static boolean loopbackOnly() {
        return loopbackOnly(DockerClientFactory.instance().getTransportConfig().getDockerHost(), insideContainer());
    }

    static boolean insideContainer() {
        return Files.exists(Path.of("/.dockerenv")) || Files.exists(Path.of("/run/.containerenv"));
    }

    /** Rewrites the port bindings Testcontainers made (any interface, any free port) to the loopback. */
    static void onLoopback(HostConfig hostConfig) {
        Ports published = hostConfig.getPortBindings();
        if (published == null) {
            return;
        }
        Ports loopback = new Ports();
        published.getBindings().forEach((port, bindings) -> {
            for (Ports.Binding binding : bindings == null ? new Ports.Binding[] {Ports.Binding.empty()} : bindings) {
                loopback.bind(port, new Ports.Binding("127.0.0.1", binding.getHostPortSpec())); // null port: any free one
            }
        });
        hostConfig.withPortBindings(loopback);
    }

    /** The PostgreSQL image logs "ready" (Testcontainers waits for that); the version comes from a first login. */
    private String postgresVersion(String host, int port) throws DevDatabaseException {
        PostgresUrl superuser = new PostgresUrl("postgres", "postgres", password, host, port, url.database(),
                Map.of("sslmode", "disable", "connect_timeout", "5"), Optional.empty());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection probe = PgSession.connect(superuser)) {
                return PgSession.versionText(PgSession.serverVersionNumber(probe));
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new DevDatabaseException("the " + url.image() + " container did not take logins at "
                            + superuser.masked() + " (" + ConnectFailure.reason(superuser, e) + ")", e);
                }
            }
            sleep(500);
        }
    }

    /** Force-removes the container and its volumes, by name; never throws, at most {@link #REMOVE_TIMEOUT}. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || client == null) {
            return;
        }
        DockerClient engineClient = client;
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    engineClient.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException gone) {
                    // never created, or already removed
                }
            }).get(REMOVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The container is named sg_dev_… and labelled io.schemagate.dev-database for whoever cleans up.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DockerClient engineClient() throws DevDatabaseException {
        try {
            return DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            throw new DevDatabaseException(url.masked() + " needs a container engine (Docker or Podman), and Testcontainers "
                    + "reached none (" + whereItLooked() + "); " + alternatives(url), e);
        }
    }

    private static String whereItLooked() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return "DOCKER_HOST=" + dockerHost.strip() + " does not answer";
        }
        return "DOCKER_HOST is not set, and no engine answers at the docker context, ~/.testcontainers.properties or "
                + "the usual sockets such as /var/run/docker.sock";
    }

    private static String describeEngine(DockerClient client) {
        String where = "unknown";
        try {
            where = DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
            List<VersionComponent> components = client.versionCmd().exec().getComponents();
            boolean podman = components != null && components.stream()
                    .anyMatch(c -> c.getName() != null && c.getName().toLowerCase(java.util.Locale.ROOT).contains("podman"));
            return (podman ? "Podman" : "Docker") + " at " + where;
        } catch (RuntimeException e) {
            return "the container engine at " + where;
        }
    }

    private DevDatabaseException failure(RuntimeException e) {
        String reason = ConnectFailure.scrub(EngineMessage.of(e), password);
        if (EngineMessage.find(e, ContainerFetchException.class)) {
            String why = PullError.of(client, url.image(), e).orElse(reason);
            return new DevDatabaseException("cannot pull " + url.image() + " through " + engine + ": " + why + "; "
                    + alternatives(url), e);
        }
        return new DevDatabaseException("the " + url.image() + " container did not start through " + engine + ": " + reason, e);
    }

    static String alternatives(DockerUrl url) {
        return switch (url.kind()) {
            case POSTGRES -> "use embedded://postgres/" + url.major() + " (runs PostgreSQL in-process, no engine needed) or "
                    + "postgres://USER:PASS@HOST:5432/DB (a database service)";
            case MYSQL, MARIADB -> "use a " + url.kind().image() + "://USER:PASS@HOST:3306/DB database service";
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A MySQL or MariaDB container whose readiness is the server's greeting, not a JDBC login. */
    private interface Greeted {
        ServerGreeting greeting();
    }

    private static final class GreetedMySql extends MySQLContainer implements Greeted {
        private final ServerGreeting greeting = new ServerGreeting(3306);

        GreetedMySql(DockerImageName image) {
            super(image);
            waitingFor(greeting);
        }

        @Override
        public ServerGreeting greeting() {
            return greeting;
        }

        @Override
        protected void configure() {
            super.configure();
            setStartupAttempts(1); // a failed start is reported, not tried three times
        }

        @Override
        protected void waitUntilContainerStarted() {
            getWaitStrategy().waitUntilReady(this);
        }
    }

    private static final class GreetedMariaDb extends MariaDBContainer implements Greeted {
        private final ServerGreeting greeting = new ServerGreeting(3306);

        GreetedMariaDb(DockerImageName image) {
            super(image);
            waitingFor(greeting);
        }

        @Override
        public ServerGreeting greeting() {
            return greeting;
        }

        @Override
        protected void configure() {
            super.configure();
            setStartupAttempts(1);
        }

        @Override
        protected void waitUntilContainerStarted() {
            getWaitStrategy().waitUntilReady(this);
        }
    }
}
