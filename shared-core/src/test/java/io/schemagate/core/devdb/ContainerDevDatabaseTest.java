package io.schemagate.core.devdb;

import com.github.dockerjava.api.DockerClient;
import io.schemagate.core.dialect.Dialects;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.testing.LocalPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docker://postgres}: a real container through Testcontainers (on CI, podman's Docker-compatible service and
 * the postgres:15 image .ci/images.sh builds), its removal on close and on SIGTERM, and what is said without an
 * engine.
 */
class ContainerDevDatabaseTest {

    private static final Pattern DESCRIPTION = Pattern.compile("container (sg_dev_[a-z0-9]+) of postgres:15 \\(PostgreSQL 15\\.\\d+\\)");

    @TempDir
    Path temp;

    private static DockerUrl url(String text) throws DevUrlException {
        return (DockerUrl) DevUrl.parse(text);
    }

    @Test
    void postgresContainerIsADevDatabaseAndIsRemovedOnClose() throws Exception {
        DockerClient client = ContainerEngineForTests.require(ContainerEngineForTests.POSTGRES_IMAGE);
        String name;
        try (DevDatabase db = ContainerDevDatabase.open(url("docker://postgres/15/app"), DevSettings.defaults())) {
            Matcher description = DESCRIPTION.matcher(db.description());
            assertTrue(description.matches(), db.description());
            name = description.group(1);
            assertEquals(15, db.serverMajorVersion());
            assertEquals("schemagate", LocalPostgres.queryString(db.connection(), "SHOW application_name"));
            assertEquals("10s", LocalPostgres.queryString(db.connection(), "SHOW lock_timeout"));
            assertEquals("off", LocalPostgres.queryString(db.connection(), "SHOW fsync"));
            try (Statement s = db.connection().createStatement()) {
                s.execute("CREATE TABLE t (id int PRIMARY KEY)");
            }
            assertTrue(ContainerEngineForTests.labelledContainers(client).contains(name),
                    name + " is not among " + ContainerEngineForTests.labelledContainers(client));
        }
        assertFalse(ContainerEngineForTests.labelledContainers(client).contains(name), name + " survived close()");
    }

    @Test
    void sigtermRemovesTheContainer() throws Exception {
        DockerClient client = ContainerEngineForTests.require(ContainerEngineForTests.POSTGRES_IMAGE);
        Path stderr = temp.resolve("stderr.txt");
        Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), DevDatabaseChild.class.getName(),
                "docker://postgres/15").redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return "read failed: " + e;
                }
            }).get(180, TimeUnit.SECONDS);
            Matcher ready = Pattern.compile("READY 5432 " + DESCRIPTION.pattern()).matcher(String.valueOf(line));
            assertTrue(ready.matches(), "child said: " + line + " / " + Files.readString(stderr));
            String name = ready.group(1);
            assertTrue(ContainerEngineForTests.labelledContainers(client).contains(name));
            Thread.sleep(500); // let the long statement reach the server
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit after SIGTERM");
            assertFalse(ContainerEngineForTests.labelledContainers(client).contains(name), name + " survived SIGTERM");
            assertEquals("", Files.readString(stderr), "Testcontainers and docker-java print nothing");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void noEngineIsOneLineNamingWhereItLookedAndTheAlternatives() throws Exception {
        Assumptions.assumeFalse(Files.exists(Path.of("/var/run/docker.sock")),
                "/var/run/docker.sock exists: Testcontainers would fall back to it");
        String dockerHost = "unix://" + temp.resolve("no-engine.sock");
        Path stderr = temp.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(java(), "-Duser.home=" + temp, "-cp", System.getProperty("java.class.path"),
                ContainerChild.class.getName(), "docker://postgres/16"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("TESTCONTAINERS_"));
        env.put("DOCKER_HOST", dockerHost);
        env.put("XDG_RUNTIME_DIR", temp.toString());
        Process child = builder.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not give up in time");
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, child.exitValue(), stdout + Files.readString(stderr));
        assertEquals("ERROR docker://postgres/16/postgres needs a container engine (Docker or Podman), and Testcontainers reached "
                + "none (DOCKER_HOST=" + dockerHost + " does not answer); use embedded://postgres/16 (runs PostgreSQL in-process, "
                + "no engine needed) or postgres://USER:PASS@HOST:5432/DB (a database service)\n", stdout);
        assertEquals("", Files.readString(stderr), "no stack trace, no library logging");
    }

    @Test
    void mysqlAndMariadbContainersAreTheMysqlDriversNotPostgres() throws Exception {
        assertEquals(Dialect.MYSQL, Dialects.forUrl(url("docker://mariadb/11")).sql());
        assertEquals(Dialect.MYSQL, Dialects.forUrl(url("docker://mysql/8")).sql());
        assertEquals(Dialect.POSTGRES, Dialects.forUrl(url("docker://postgres/16")).sql());
        assertThrows(IllegalArgumentException.class,
                () -> ContainerDevDatabase.open(url("docker://mariadb/11"), DevSettings.defaults()));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
