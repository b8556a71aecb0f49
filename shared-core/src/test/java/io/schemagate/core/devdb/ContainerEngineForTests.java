package io.schemagate.core.devdb;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The container engine the docker:// tests run against, as Testcontainers finds it (on CI: the podman service
 * .ci/run starts, DOCKER_HOST=unix:///run/schemagate/podman.sock). Without one, or without the images, the calling
 * test is skipped with a message, except under {@code CI=true}, where it fails.
 */
final class ContainerEngineForTests {

    /** Built by .ci/images.sh from Debian bookworm's packages where no registry can be reached. */
    static final String POSTGRES_IMAGE = "postgres:15";
    static final String MARIADB_IMAGE = "mariadb:10.11";

    private ContainerEngineForTests() {
    }

    /** The engine's client, once it answers and has {@code images}. */
    static DockerClient require(String... images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            unavailable("no container engine answers (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + "); start one, e.g. "
                    + "bash .ci/podman-service.sh, then DOCKER_HOST=unix:///run/schemagate/podman.sock TESTCONTAINERS_RYUK_DISABLED=true");
        }
        DockerClient client = DockerClientFactory.instance().client();
        for (String image : images) {
            try {
                client.inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                unavailable(image + " is not among the engine's images; pull it, or build it with bash .ci/images.sh");
            }
        }
        return client;
    }

    /** The names (without the leading '/') of the containers labelled as schemagate's, running or not. */
    static List<String> labelledContainers(DockerClient client) {
        List<Container> containers = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DatabaseContainer.LABEL, "true")).exec();
        return containers.stream().flatMap(c -> Arrays.stream(c.getNames())).map(n -> n.startsWith("/") ? n.substring(1) : n).toList();
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + "; CI=true, so this fails instead of skipping");
        }
        Assumptions.abort(why);
    }
}
