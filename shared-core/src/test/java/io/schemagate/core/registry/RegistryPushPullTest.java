package io.schemagate.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.registry.MigrationArtifact.Provenance;
import io.schemagate.core.registry.MigrationArtifact.PushResult;
import io.schemagate.core.testing.RegistryProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against a real registry without authentication. */
class RegistryPushPullTest {
    static RegistryProcess registry;
    static final DirFormat ATLAS = DirFormat.byId("atlas").orElseThrow();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available() || System.getenv("CI") != null,
                "docker-registry is not installed (apt-get install docker-registry)");
        registry = RegistryProcess.open();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static MigrationDir directory(Path path, String... nameAndContent) throws IOException {
        Files.createDirectories(path);
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Files.writeString(path.resolve(nameAndContent[i]), nameAndContent[i + 1]);
        }
        MigrationDir dir = new MigrationDir(path, path.toString());
        DirectoryHasher.hash(dir, ATLAS);
        return dir;
    }

    static RegistryClient client(String ref) throws RegistryException {
        return new RegistryClient(OciRef.parse(ref), Credentials.ANONYMOUS, false);
    }

    @Test
    void roundTripIsByteIdentical() throws Exception {
        MigrationDir dir = directory(temp.resolve("src"),
                "20240101000000_create.sql", "CREATE TABLE t (id int);\n",
                "20240102000000_more.sql", "-- ünïcode\r\nALTER TABLE t ADD COLUMN c text;\n");
        String repo = "oci://" + registry.host() + "/team/roundtrip";
        PushResult pushed = MigrationArtifact.push(client(repo), dir, ATLAS, List.of("abc123", "latest"),
                new Provenance("abc123", "https://example.com/repo", "2024-01-02T03:04:05Z"));
        assertEquals(List.of("abc123", "latest"), pushed.created());

        Path out = temp.resolve("out");
        MigrationArtifact.PullResult pulled = MigrationArtifact.pull(client(repo + ":abc123"), out);
        assertEquals(pushed.digest(), pulled.digest());
        assertEquals("atlas", pulled.format());
        for (String name : List.of("20240101000000_create.sql", "20240102000000_more.sql", "atlas.sum")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
        try (var files = Files.list(out)) {
            assertEquals(3, files.count());
        }
        // by digest, too
        Path byDigest = temp.resolve("by-digest");
        MigrationArtifact.pull(client(repo + "@" + pushed.digest()), byDigest);
        assertArrayEquals(Files.readAllBytes(dir.resolve("atlas.sum")), Files.readAllBytes(byDigest.resolve("atlas.sum")));
    }

    @Test
    void rePushIsIdempotent() throws Exception {
        MigrationDir dir = directory(temp.resolve("src"), "1_a.sql", "SELECT 1;\n");
        String repo = "oci://" + registry.host() + "/idempotent";
        Provenance p = new Provenance("deadbeef", null, null);
        PushResult first = MigrationArtifact.push(client(repo), dir, ATLAS, List.of("deadbeef", "latest"), p);
        PushResult second = MigrationArtifact.push(client(repo), dir, ATLAS, List.of("deadbeef", "latest"), p);
        assertEquals(first.digest(), second.digest());
        assertEquals(List.of(), second.created());
        assertEquals(List.of("deadbeef", "latest"), second.kept());
    }

    @Test
    void tagsOtherThanLatestAreImmutable() throws Exception {
        String repo = "oci://" + registry.host() + "/immutable";
        MigrationDir v1 = directory(temp.resolve("v1"), "1_a.sql", "SELECT 1;\n");
        MigrationDir v2 = directory(temp.resolve("v2"), "1_a.sql", "SELECT 1;\n", "2_b.sql", "SELECT 2;\n");
        PushResult first = MigrationArtifact.push(client(repo), v1, ATLAS, List.of("v1", "latest"), Provenance.NONE);

        RegistryException e = assertThrows(RegistryException.class,
                () -> MigrationArtifact.push(client(repo), v2, ATLAS, List.of("v1", "latest"), Provenance.NONE));
        assertEquals(RegistryException.Kind.TAG_CONFLICT, e.kind());
        assertTrue(e.getMessage().contains(":v1 already holds different content"), e.getMessage());
        // nothing moved: latest still points to v1
        assertEquals(Optional.of(first.digest()), client(repo).manifestDigest("latest"));

        PushResult second = MigrationArtifact.push(client(repo), v2, ATLAS, List.of("v2", "latest"), Provenance.NONE);
        assertNotEquals(first.digest(), second.digest());
        assertEquals(Optional.of(second.digest()), client(repo).manifestDigest("latest"));
        assertEquals(Optional.of(first.digest()), client(repo).manifestDigest("v1"));
    }

    @Test
    void corruptedBlobIsDetectedOnPull() throws Exception {
        String repo = "oci://" + registry.host() + "/corrupt";
        String content = "CREATE TABLE corrupt_me (id int);\n";
        MigrationDir dir = directory(temp.resolve("src"), "1_a.sql", content);
        MigrationArtifact.push(client(repo), dir, ATLAS, List.of("latest"), Provenance.NONE);
        String digest = RegistryClient.sha256(content.getBytes(StandardCharsets.UTF_8));
        Path blob = registry.blob(digest);
        assertTrue(Files.exists(blob), blob.toString());
        Files.writeString(blob, content.replace("id", "ID"));

        Path out = temp.resolve("out");
        RegistryException e = assertThrows(RegistryException.class, () -> MigrationArtifact.pull(client(repo), out));
        assertEquals(RegistryException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains(digest) && e.getMessage().contains("corrupt"), e.getMessage());
        assertFalse(Files.exists(out.resolve("1_a.sql")));
    }

    @Test
    void registryDownNamesTheRegistry() throws Exception {
        int port = RegistryProcess.freePort();
        MigrationDir dir = directory(temp.resolve("src"), "1_a.sql", "SELECT 1;\n");
        RegistryException e = assertThrows(RegistryException.class, () -> MigrationArtifact.push(
                client("oci://127.0.0.1:" + port + "/down"), dir, ATLAS, List.of("latest"), Provenance.NONE));
        assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().startsWith("127.0.0.1:" + port + ": cannot connect"), e.getMessage());
    }

    @Test
    void missingTagIsNotFound() throws Exception {
        RegistryException e = assertThrows(RegistryException.class,
                () -> MigrationArtifact.pull(client("oci://" + registry.host() + "/nothing:here"), temp.resolve("o")));
        assertEquals(RegistryException.Kind.NOT_FOUND, e.kind());
    }

    /** Pushes a hand-made artifact whose layers carry the given titles and contents. */
    static String craft(RegistryClient client, String tag, String... titleAndContent) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] config = "{\"format\":\"atlas\"}".getBytes(StandardCharsets.UTF_8);
        client.putBlob(RegistryClient.sha256(config), config);
        var m = json.createObjectNode().put("schemaVersion", 2).put("mediaType", RegistryClient.OCI_MANIFEST)
                .put("artifactType", MigrationArtifact.ARTIFACT_TYPE);
        m.putObject("config").put("mediaType", MigrationArtifact.CONFIG_TYPE)
                .put("digest", RegistryClient.sha256(config)).put("size", config.length);
        var layers = m.putArray("layers");
        for (int i = 0; i < titleAndContent.length; i += 2) {
            byte[] bytes = titleAndContent[i + 1].getBytes(StandardCharsets.UTF_8);
            client.putBlob(RegistryClient.sha256(bytes), bytes);
            layers.addObject().put("mediaType", MigrationArtifact.FILE_TYPE).put("digest", RegistryClient.sha256(bytes))
                    .put("size", bytes.length).putObject("annotations").put(MigrationArtifact.TITLE, titleAndContent[i]);
        }
        byte[] manifest = json.writeValueAsBytes(m);
        client.putManifest(tag, manifest);
        return RegistryClient.sha256(manifest);
    }

    @Test
    void traversalNamesAreRefusedAndNothingIsWritten() throws Exception {
        String repo = "oci://" + registry.host() + "/evil";
        craft(client(repo), "dotdot", "../escape.sql", "SELECT 1;\n", "atlas.sum", "h1:x\n");
        craft(client(repo), "absolute", "/tmp/escape.sql", "SELECT 1;\n", "atlas.sum", "h1:x\n");
        Path out = temp.resolve("nest/out");
        for (String tag : List.of("dotdot", "absolute")) {
            RegistryException e = assertThrows(RegistryException.class,
                    () -> MigrationArtifact.pull(client(repo + ":" + tag), out));
            assertEquals(RegistryException.Kind.INVALID, e.kind());
            assertTrue(e.getMessage().contains("refusing the artifact"), e.getMessage());
        }
        assertFalse(Files.exists(temp.resolve("nest/escape.sql")));
        assertFalse(Files.exists(out));
    }

    @Test
    void aSumThatDoesNotMatchIsRefusedAndOutIsLeftEmpty() throws Exception {
        String repo = "oci://" + registry.host() + "/badsum";
        craft(client(repo), "latest", "1_a.sql", "SELECT 1;\n",
                "atlas.sum", "h1:M74RrNK69S2pj6C541LR1ew5O32/i0WoyNgsJmyuiUk=\n1_a.sql h1:0zypK43rgPbgvVUgVJABGN25VgM1QSeU+LJDBb8cEQI=\n");
        Path out = temp.resolve("out");
        RegistryException e = assertThrows(RegistryException.class, () -> MigrationArtifact.pull(client(repo), out));
        assertEquals(RegistryException.Kind.INVALID, e.kind());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "a refused pull leaves OUT empty");
        }
    }

    @Test
    void aForeignArtifactIsRefused() throws Exception {
        String repo = "oci://" + registry.host() + "/foreign";
        RegistryClient c = client(repo);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + RegistryClient.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
                + RegistryClient.sha256("{}".getBytes(StandardCharsets.UTF_8)) + "\",\"size\":2},\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        c.putBlob(RegistryClient.sha256("{}".getBytes(StandardCharsets.UTF_8)), "{}".getBytes(StandardCharsets.UTF_8));
        c.putManifest("latest", manifest);
        RegistryException e = assertThrows(RegistryException.class, () -> MigrationArtifact.pull(client(repo), temp.resolve("o")));
        assertTrue(e.getMessage().contains("is not a schemagate migration directory"), e.getMessage());
    }
}
