package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The container API the MySQL and MariaDB dev databases build on, with a real MariaDB container (on CI the
 * mariadb:10.11 image .ci/images.sh builds from Debian's packages) and an image that cannot be pulled.
 */
class DatabaseContainerTest {

    private static DockerUrl url(String text) throws DevUrlException {
        return (DockerUrl) DevUrl.parse(text);
    }

    @Test
    void mariadbContainerTakesJdbcLoginsAndIsRemovedOnClose() throws Exception {
        DockerClient client = ContainerEngineForTests.require(ContainerEngineForTests.MARIADB_IMAGE);
        DatabaseContainer container = DatabaseContainer.of(url("docker://mariadb/10.11/app"));
        assertNull(container.login());
        try (container) {
            DatabaseContainer.Login login = container.start();
            assertEquals("root", login.user());
            assertEquals("app", login.database());
            assertTrue(login.serverVersion().startsWith("10.11.") && login.serverVersion().contains("MariaDB"), login.serverVersion());
            assertEquals(24, login.password().length());
            assertFalse(login.toString().contains(login.password()), login.toString());
            assertTrue(container.engine().matches("(Podman|Docker) at .+"), container.engine());
            String jdbc = "jdbc:mariadb://" + login.host() + ":" + login.port() + "/" + login.database();
            try (Connection c = DriverManager.getConnection(jdbc, login.user(), login.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int PRIMARY KEY)");
                s.execute("CREATE DATABASE sg_scratch"); // the superuser may make the run's own database
                try (ResultSet rs = s.executeQuery("SELECT VERSION(), DATABASE(), CURRENT_USER()")) {
                    rs.next();
                    assertEquals(login.serverVersion(), rs.getString(1));
                    assertEquals("app", rs.getString(2));
                    assertEquals("root@%", rs.getString(3));
                }
            }
            assertTrue(ContainerEngineForTests.labelledContainers(client).contains(container.name()));
            // A local engine publishes the superuser's port on the loopback only, unless this JVM is in a container
            // (as on this project's CI machine), which reaches it through the bridge.
            Ports.Binding[] published = client.inspectContainerCmd(container.name()).exec().getNetworkSettings().getPorts()
                    .getBindings().get(ExposedPort.tcp(3306));
            assertEquals(1, published.length);
            boolean loopback = DatabaseContainer.loopbackOnly(
                    DockerClientFactory.instance().getTransportConfig().getDockerHost(), DatabaseContainer.insideContainer());
            assertEquals(loopback, "127.0.0.1".equals(published[0].getHostIp()), String.valueOf(published[0]));
            assertEquals(String.valueOf(login.port()), published[0].getHostPortSpec());
        }
        assertFalse(ContainerEngineForTests.labelledContainers(client).contains(container.name()), container.name() + " survived close()");
    }

    @Test
    void publishedPortsGoOnTheLoopbackOnlyForALocalEngineSeenFromOutsideAContainer() {
        assertTrue(DatabaseContainer.loopbackOnly(URI.create("unix:///var/run/docker.sock"), false));
        assertFalse(DatabaseContainer.loopbackOnly(URI.create("unix:///var/run/docker.sock"), true));
        assertFalse(DatabaseContainer.loopbackOnly(URI.create("tcp://docker:2375"), false));

        // As Testcontainers asks: the server's port on any interface and a free host port.
        HostConfig hostConfig = new HostConfig().withPortBindings(new Ports(ExposedPort.tcp(5432), Ports.Binding.empty()));
        DatabaseContainer.onLoopback(hostConfig);
        Ports.Binding[] bindings = hostConfig.getPortBindings().getBindings().get(ExposedPort.tcp(5432));
        assertEquals(1, bindings.length);
        assertEquals("127.0.0.1", bindings[0].getHostIp());
        assertNull(bindings[0].getHostPortSpec());
    }

    @Test
    void anImageThatCannotBePulledIsOneLineNamingImageAndEngine() throws Exception {
        DockerClient client = ContainerEngineForTests.require();
        List<String> before = ContainerEngineForTests.labelledContainers(client);
        DatabaseContainer container = DatabaseContainer.of(url("docker://mysql/8"));
        DevDatabaseException e = assertThrows(DevDatabaseException.class, container::start);
        String message = e.getMessage();
        assertTrue(message.matches("cannot pull mysql:8 through (Podman|Docker) at \\S+: .+; use a mysql://USER:PASS@HOST:3306/DB "
                + "database service"), message);
        assertFalse(message.contains("\n"), message);
        // the engine's own reason, not Testcontainers' "Failed to pull image" or its progress reader's slip
        assertFalse(message.contains("Failed to pull image") || message.contains("Cannot invoke"), message);
        assertEquals(before, ContainerEngineForTests.labelledContainers(client), "a failed start leaves no container");
    }
}
