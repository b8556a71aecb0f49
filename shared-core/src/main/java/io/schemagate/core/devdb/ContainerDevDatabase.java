package io.schemagate.core.devdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker://postgres/TAG[/DB]}: a container of the official {@code postgres} image, started through the
 * engine's API (Docker or Podman), reached on a published port and force-removed by {@link #close()}.
 */
final class ContainerDevDatabase extends OwnServerDevDatabase {

    static final String LABEL = "io.schemagate.dev-database";
    private static final Duration API_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
    /** The image's entrypoint runs initdb and a temporary server before the real one listens on TCP. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DockerUrl url;
    private final EngineHttp http;
    private final ContainerEngine engine;
    private final String name;
    private volatile String containerId;
    private int versionNumber;

    private ContainerDevDatabase(DockerUrl url, ContainerEngine engine, String name) {
        this.url = url;
        this.engine = engine;
        this.http = new EngineHttp(engine);
        this.name = name;
    }

    static DevDatabase open(DockerUrl url, DevSettings settings) throws DevDatabaseException {
        return open(url, settings, System.getenv());
    }

    static DevDatabase open(DockerUrl url, DevSettings settings, Map<String, String> env) throws DevDatabaseException {
        ContainerEngine.Search search = ContainerEngine.find(env);
        if (search.engine().isEmpty()) {
            throw new DevDatabaseException(url.masked() + " needs a container engine (Docker or Podman), and none was found ("
                    + String.join("; ", search.looked()) + "); " + alternatives(url));
        }
        ContainerDevDatabase container = new ContainerDevDatabase(url, search.engine().get(), ScratchName.next());
        container.ping();
        container.guard();
        try {
            String password = password();
            container.pullIfMissing();
            container.create(password);
            container.start();
            container.connect(password, settings);
        } catch (DevDatabaseException e) {
            container.close();
            throw e;
        }
        return container;
    }

    private void ping() throws DevDatabaseException {
        try {
            EngineHttp.Response response = http.send("GET", "/_ping", null, Duration.ofSeconds(10));
            if (!response.ok()) {
                throw new IOException("HTTP " + response.status());
            }
        } catch (IOException e) {
            throw new DevDatabaseException("cannot reach the container engine at " + engine.describe() + " for " + url.masked()
                    + " (" + reason(e) + "); " + alternatives(url), e);
        }
    }

    private void pullIfMissing() throws DevDatabaseException {
        try {
            if (http.send("GET", "/images/" + url.image() + "/json", null, API_TIMEOUT).ok()) {
                return;
            }
            EngineHttp.Response pull = http.send("POST", "/images/create?fromImage=" + DockerUrl.IMAGE + "&tag="
                    + URLEncoder.encode(url.tag(), StandardCharsets.UTF_8), null, PULL_TIMEOUT);
            String error = pull.ok() ? pullError(pull.body()) : message(pull);
            if (error != null) {
                throw new DevDatabaseException("cannot pull " + url.image() + " through " + engine.describe() + ": " + error
                        + "; " + alternatives(url));
            }
        } catch (IOException e) {
            throw new DevDatabaseException("cannot pull " + url.image() + " through " + engine.describe() + ": " + reason(e)
                    + "; " + alternatives(url), e);
        }
    }

    private void create(String password) throws DevDatabaseException {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("Image", url.image());
        ArrayNode env = spec.putArray("Env");
        env.add("POSTGRES_PASSWORD=" + password);
        env.add("POSTGRES_DB=" + url.database());
        ArrayNode cmd = spec.putArray("Cmd");
        // Thrown away after the run: durability costs time and buys nothing.
        for (String arg : List.of("postgres", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off")) {
            cmd.add(arg);
        }
        spec.putObject("Labels").put(LABEL, "true");
        spec.putObject("ExposedPorts").putObject("5432/tcp");
        ObjectNode hostConfig = spec.putObject("HostConfig");
        hostConfig.put("AutoRemove", true);
        // Loopback only, unless schemagate cannot reach the engine host's loopback (remote engine, or itself
        // in a container); the password is random and the container short-lived.
        String hostIp = engine.isTcp() || insideContainer() ? "0.0.0.0" : "127.0.0.1";
        hostConfig.putObject("PortBindings").putArray("5432/tcp").addObject().put("HostIp", hostIp).put("HostPort", "");
        try {
            EngineHttp.Response response = http.send("POST", "/containers/create?name=" + name, spec.toString(), API_TIMEOUT);
            if (!response.ok()) {
                throw new DevDatabaseException("cannot create a container of " + url.image() + ": " + message(response));
            }
            containerId = JSON.readTree(response.body()).path("Id").asText();
            if (containerId.isEmpty()) {
                throw new DevDatabaseException("the container engine created no container id for " + url.image());
            }
        } catch (IOException e) {
            throw new DevDatabaseException("cannot create a container of " + url.image() + ": " + reason(e), e);
        }
    }

    private void start() throws DevDatabaseException {
        try {
            EngineHttp.Response response = http.send("POST", "/containers/" + containerId + "/start", null, API_TIMEOUT);
            if (!response.ok() && response.status() != 304) {
                throw new DevDatabaseException("cannot start the " + url.image() + " container: " + message(response));
            }
        } catch (IOException e) {
            throw new DevDatabaseException("cannot start the " + url.image() + " container: " + reason(e), e);
        }
    }

    /** Waits until the server in the container takes logins, trying each address it may be reached at. */
    private void connect(String password, DevSettings settings) throws DevDatabaseException {
        List<PostgresUrl> targets = targets(password);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            for (PostgresUrl target : targets) {
                try (Connection probe = PgSession.connect(target)) {
                    versionNumber = PgSession.serverVersionNumber(probe);
                } catch (SQLException e) {
                    last = e;
                    continue;
                }
                // The container's superuser makes the run's role and scratch database, as on any server.
                openRun(target, settings);
                return;
            }
            sleep(500);
        }
        String tried = String.join(", ", targets.stream().map(PostgresUrl::masked).toList());
        throw new DevDatabaseException("the " + url.image() + " container did not take logins within " + READY_TIMEOUT.toSeconds()
                + " s at " + tried + (last == null ? "" : " (" + ConnectFailure.reason(targets.get(0), last) + ")"), last);
    }

    private List<PostgresUrl> targets(String password) throws DevDatabaseException {
        JsonNode settings;
        try {
            EngineHttp.Response inspect = http.send("GET", "/containers/" + containerId + "/json", null, API_TIMEOUT);
            if (!inspect.ok()) {
                throw new DevDatabaseException("cannot inspect the " + url.image() + " container: " + message(inspect));
            }
            settings = JSON.readTree(inspect.body()).path("NetworkSettings");
        } catch (IOException e) {
            throw new DevDatabaseException("cannot inspect the " + url.image() + " container: " + reason(e), e);
        }
        int published = 0;
        for (JsonNode binding : settings.path("Ports").path("5432/tcp")) {
            published = binding.path("HostPort").asInt(0);
            if (published > 0) {
                break;
            }
        }
        Set<String> hostPorts = new LinkedHashSet<>();
        if (engine.isTcp()) {
            hostPorts.add(engine.host() + ":" + published);
        } else if (insideContainer()) {
            // A sibling container on the engine's bridge: the container's own address, else the bridge gateway.
            addIfPresent(hostPorts, settings.path("IPAddress").asText(""), 5432);
            for (JsonNode network : settings.path("Networks")) {
                addIfPresent(hostPorts, network.path("IPAddress").asText(""), 5432);
            }
            addIfPresent(hostPorts, settings.path("Gateway").asText(""), published);
            hostPorts.add("127.0.0.1:" + published);
        } else {
            hostPorts.add("127.0.0.1:" + published);
        }
        List<PostgresUrl> targets = new ArrayList<>();
        for (String hostPort : hostPorts) {
            int colon = hostPort.lastIndexOf(':');
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port > 0) {
                targets.add(new PostgresUrl("postgres", "postgres", password, hostPort.substring(0, colon), port,
                        url.database(), Map.of("sslmode", "disable", "connect_timeout", "5"), url.searchPath()));
            }
        }
        if (targets.isEmpty()) {
            throw new DevDatabaseException("the " + url.image() + " container publishes no port for 5432");
        }
        return targets;
    }

    private static void addIfPresent(Set<String> hostPorts, String host, int port) {
        if (!host.isEmpty() && port > 0) {
            hostPorts.add(host + ":" + port);
        }
    }

    @Override
    public String description() {
        return "container " + name + " of " + url.image() + " (PostgreSQL " + PgSession.versionText(versionNumber) + ")";
    }

    @Override
    public int serverMajorVersion() {
        return versionNumber / 10000;
    }

    @Override
    protected void release(boolean abrupt) {
        closeRun(abrupt);
        // By name, not id: a signal between create and its answer leaves no id, but the name is known from the start.
        String target = containerId != null ? containerId : name;
        try {
            http.send("DELETE", "/containers/" + target + "?force=true&v=true", null, Duration.ofSeconds(30));
        } catch (IOException ignored) {
            // The container is labelled io.schemagate.dev-database and named sg_dev_… for whoever cleans up.
        }
    }

    private static String alternatives(DockerUrl url) {
        return "use embedded://postgres/" + url.major() + " (runs PostgreSQL in-process, no engine needed) or "
                + "postgres://USER:PASS@HOST:5432/DB (a database service)";
    }

    /** The first {@code "error"} in the pull's progress stream, or null when it went through. */
    private static String pullError(String progress) {
        for (String line : progress.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node.hasNonNull("error")) {
                    return node.get("error").asText();
                }
            } catch (IOException notJson) {
                // progress lines only
            }
        }
        return null;
    }

    private static String message(EngineHttp.Response response) {
        try {
            String message = JSON.readTree(response.body()).path("message").asText("");
            if (!message.isEmpty()) {
                return OneLine.of(message);
            }
        } catch (IOException notJson) {
            // fall through
        }
        return "HTTP " + response.status();
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return OneLine.of(message == null ? e.getClass().getSimpleName() : message);
    }

    private static boolean insideContainer() {
        return Files.exists(Path.of("/.dockerenv")) || Files.exists(Path.of("/run/.containerenv"));
    }

    private static String password() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
