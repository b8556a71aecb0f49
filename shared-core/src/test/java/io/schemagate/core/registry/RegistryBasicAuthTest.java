package io.schemagate.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.registry.MigrationArtifact.Provenance;
import io.schemagate.core.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/** Push and pull against a real registry behind htpasswd basic auth. */
class RegistryBasicAuthTest {
    static final String USER = "ci-bot";
    static final String PASSWORD = "s3cret-pässword";
    static final DirFormat ATLAS = DirFormat.byId("atlas").orElseThrow();
    static RegistryProcess registry;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available() || System.getenv("CI") != null,
                "docker-registry is not installed (apt-get install docker-registry)");
        registry = new RegistryProcess(work -> {
            Path htpasswd = work.resolve("htpasswd");
            Files.writeString(htpasswd, USER + ":" + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(5)) + "\n");
            return "  htpasswd:\n    realm: schemagate-test\n    path: " + htpasswd + "\n";
        });
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    RegistryClient client(String ref, Credentials credentials) throws RegistryException {
        return new RegistryClient(OciRef.parse(ref), credentials, false);
    }

    @Test
    void pushAndPullWithThePassword() throws Exception {
        MigrationDir dir = RegistryPushPullTest.directory(temp.resolve("src"), "1_a.sql", "SELECT 1;\n");
        String repo = "oci://" + registry.host() + "/private/app";
        Credentials good = new Credentials(USER, PASSWORD, "test");
        MigrationArtifact.push(client(repo, good), dir, ATLAS, List.of("latest"), Provenance.NONE);
        Path out = temp.resolve("out");
        MigrationArtifact.pull(client(repo, good), out);
        assertArrayEquals(Files.readAllBytes(dir.resolve("1_a.sql")), Files.readAllBytes(out.resolve("1_a.sql")));
    }

    @Test
    void wrongPasswordIsRefusedWithoutShowingIt() throws Exception {
        MigrationDir dir = RegistryPushPullTest.directory(temp.resolve("src"), "1_a.sql", "SELECT 1;\n");
        String repo = "oci://" + registry.host() + "/private/app";
        RegistryException e = assertThrows(RegistryException.class, () -> MigrationArtifact.push(
                client(repo, new Credentials(USER, "wrong-password", "test")), dir, ATLAS, List.of("latest"),
                Provenance.NONE));
        assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().startsWith(registry.host() + ": credentials refused (user ci-bot)"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password"), e.getMessage());
    }

    @Test
    void anonymousIsRefused() throws Exception {
        RegistryException e = assertThrows(RegistryException.class, () -> MigrationArtifact.pull(
                client("oci://" + registry.host() + "/private/app", Credentials.ANONYMOUS), temp.resolve("o")));
        assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("credentials refused (anonymous)"), e.getMessage());
    }

    @Test
    void dockerConfigAuthsAreRead() throws Exception {
        Path home = temp.resolve("home");
        Files.createDirectories(home.resolve(".docker"));
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(home.resolve(".docker/config.json"),
                "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        Credentials c = Credentials.resolve(registry.host(), null, null, Map.of(), home);
        assertEquals(USER, c.username());
        assertEquals(PASSWORD, c.password());
        MigrationDir dir = RegistryPushPullTest.directory(temp.resolve("src"), "1_a.sql", "SELECT 1;\n");
        MigrationArtifact.push(client("oci://" + registry.host() + "/private/docker", c), dir, ATLAS,
                List.of("latest"), Provenance.NONE);
    }

    @Test
    void ciVariablesPickCredentials() {
        assertEquals("gitlab-ci-token", Credentials.resolve("registry.gitlab.com", null, null,
                Map.of("CI_REGISTRY", "registry.gitlab.com", "CI_REGISTRY_USER", "gitlab-ci-token",
                        "CI_REGISTRY_PASSWORD", "x"), null).username());
        assertTrue(Credentials.resolve("other.example", null, null,
                Map.of("CI_REGISTRY", "registry.gitlab.com", "CI_REGISTRY_USER", "gitlab-ci-token",
                        "CI_REGISTRY_PASSWORD", "x"), null).anonymous());
        Credentials gh = Credentials.resolve("ghcr.io", null, null,
                Map.of("GITHUB_ACTIONS", "true", "GITHUB_TOKEN", "ghs_x", "GITHUB_ACTOR", "octo"), null);
        assertEquals("octo", gh.username());
        assertFalse(gh.toString().contains("ghs_x"));
        assertEquals("env-user", Credentials.resolve("ghcr.io", null, null,
                Map.of("SCHEMAGATE_REGISTRY_USERNAME", "env-user", "SCHEMAGATE_REGISTRY_PASSWORD", "p",
                        "GITHUB_ACTIONS", "true", "GITHUB_TOKEN", "ghs_x"), null).username());
    }
}
