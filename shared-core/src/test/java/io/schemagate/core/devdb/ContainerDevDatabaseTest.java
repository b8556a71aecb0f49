package io.schemagate.core.devdb;

import io.schemagate.core.testing.LocalPostgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker://}: what is said without an engine (this machine has none), and the API conversation with a fake
 * engine whose "container" is the local PostgreSQL service.
 */
class ContainerDevDatabaseTest {

    @TempDir
    Path temp;

    private static DockerUrl url(String text) throws DevUrlException {
        return (DockerUrl) DevUrl.parse(text);
    }

    @Test
    void noEngineNamesTheAlternatives() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/var/run/docker.sock")) || Files.exists(Path.of("/run/podman/podman.sock")),
                "a container engine socket exists on this machine");
        DevDatabaseException e = assertThrows(DevDatabaseException.class, () -> ContainerDevDatabase.open(
                url("docker://postgres/17"), DevSettings.defaults(), Map.of("XDG_RUNTIME_DIR", temp.toString())));
        String message = e.getMessage();
        assertTrue(message.startsWith("docker://postgres/17/postgres needs a container engine (Docker or Podman), and none was found"),
                message);
        assertTrue(message.contains("DOCKER_HOST is not set") && message.contains("/var/run/docker.sock"), message);
        assertTrue(message.contains("use embedded://postgres/17 (runs PostgreSQL in-process, no engine needed) or postgres://"), message);
    }

    @Test
    void deadEngineSocket() {
        Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + temp.resolve("docker.sock"));
        DevDatabaseException e = assertThrows(DevDatabaseException.class,
                () -> ContainerDevDatabase.open(url("docker://postgres/16"), DevSettings.defaults(), env));
        assertTrue(e.getMessage().startsWith("cannot reach the container engine at unix://" + temp.resolve("docker.sock")), e.getMessage());
        assertTrue(e.getMessage().contains("use embedded://postgres/16"), e.getMessage());
    }

    @Test
    void tlsEngineIsRefusedWithAReason() {
        Map<String, String> env = Map.of("DOCKER_HOST", "tcp://docker:2376", "DOCKER_TLS_VERIFY", "1");
        DevDatabaseException e = assertThrows(DevDatabaseException.class,
                () -> ContainerDevDatabase.open(url("docker://postgres/16"), DevSettings.defaults(), env));
        assertTrue(e.getMessage().contains("wants TLS"), e.getMessage());
    }

    @Test
    void containerLifecycleThroughTheEngineApi() throws Exception {
        LocalPostgres.admin().close(); // the fake container publishes the local service
        try (FakeEngine engine = new FakeEngine(temp.resolve("engine.sock"), false)) {
            String id;
            try (DevDatabase db = ContainerDevDatabase.open(url("docker://postgres/16"), DevSettings.defaults(),
                    Map.of("DOCKER_HOST", engine.dockerHost()))) {
                assertTrue(db.description().matches("container sg_dev_[a-z0-9]+ of postgres:16 \\(PostgreSQL \\d+\\.\\d+\\)"),
                        db.description());
                assertEquals("schemagate", LocalPostgres.queryString(db.connection(), "SHOW application_name"));
                assertEquals("10s", LocalPostgres.queryString(db.connection(), "SHOW lock_timeout"));
                id = "c0ffee";
            }
            List<String> calls = engine.requests.stream().map(FakeEngine.Request::toString).toList();
            assertEquals("GET /_ping", calls.get(0));
            assertEquals("GET /images/postgres:16/json", calls.get(1));
            assertEquals("POST /images/create?fromImage=postgres&tag=16", calls.get(2));
            assertTrue(calls.get(3).matches("POST /containers/create\\?name=sg_dev_[a-z0-9]+"), calls.get(3));
            assertEquals("POST /containers/" + id + "/start", calls.get(4));
            assertEquals("GET /containers/" + id + "/json", calls.get(5));
            assertEquals("DELETE /containers/" + id + "?force=true&v=true", calls.get(calls.size() - 1));
            String spec = engine.requests.get(3).body();
            assertTrue(spec.contains("\"Image\":\"postgres:16\"") && spec.contains("POSTGRES_DB=postgres")
                    && spec.contains("\"io.schemagate.dev-database\":\"true\"") && spec.contains("\"5432/tcp\""), spec);
        }
    }

    @Test
    void engineOverTcpPublishesOnItsHost() throws Exception {
        LocalPostgres.admin().close();
        try (FakeEngine engine = new FakeEngine(null, false)) {
            try (DevDatabase db = ContainerDevDatabase.open(url("docker://postgres/16/postgres"), DevSettings.defaults(),
                    Map.of("DOCKER_HOST", engine.dockerHost()))) {
                assertEquals("1", LocalPostgres.queryString(db.connection(), "SELECT 1"));
            }
            String spec = engine.requests.stream().filter(r -> r.path().startsWith("/containers/create")).findFirst().orElseThrow().body();
            assertTrue(spec.contains("\"HostIp\":\"0.0.0.0\""), "a remote engine's port is reached from outside: " + spec);
            assertTrue(engine.requests.get(engine.requests.size() - 1).toString().startsWith("DELETE /containers/c0ffee"));
        }
    }

    @Test
    void failedPullIsReportedAndNothingIsLeft() throws Exception {
        try (FakeEngine engine = new FakeEngine(temp.resolve("engine.sock"), true)) {
            DevDatabaseException e = assertThrows(DevDatabaseException.class, () -> ContainerDevDatabase.open(
                    url("docker://postgres/16"), DevSettings.defaults(), Map.of("DOCKER_HOST", engine.dockerHost())));
            assertTrue(e.getMessage().startsWith("cannot pull postgres:16 through unix://"), e.getMessage());
            assertTrue(e.getMessage().contains("toomanyrequests: rate limit; use embedded://postgres/16"), e.getMessage());
            List<String> calls = engine.requests.stream().map(FakeEngine.Request::toString).toList();
            assertTrue(calls.stream().noneMatch(c -> c.startsWith("POST /containers/create")), calls.toString());
        }
    }
}
