package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.testing.LintHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate lint --dev-url docker://mariadb/TAG}: a real MariaDB container, a scratch database in it, then gone. */
class DockerMariaDbLintTest {
    @TempDir
    Path root;

    @Test
    void lintsOnAMariaDbContainerAndRemovesIt() throws Exception {
        DockerClient client = ContainerEngineForTests.require(ContainerEngineForTests.MARIADB_IMAGE);
        List<String> before = ContainerEngineForTests.labelledContainers(client);
        LintHarness lint = new LintHarness(root, "docker://" + ContainerEngineForTests.MARIADB_IMAGE.replace(':', '/'),
                "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50));");
        LintReport report = lint.report("SET SESSION lock_wait_timeout = 5;\nALTER TABLE users ADD COLUMN age int NOT NULL;");
        assertEquals(List.of("MY101 2"), report.diagnostics().stream().map(d -> d.code() + " " + d.position().line()).toList());
        assertTrue(report.devDatabase().matches("scratch database sg_dev_\\w+ on docker://mariadb/10\\.11/dev \\(container"
                + " sg_dev_\\w+\\) \\(MariaDB 10\\.11.*\\)"), report.devDatabase());
        assertEquals(before, ContainerEngineForTests.labelledContainers(client), "the container is removed");
    }
}
