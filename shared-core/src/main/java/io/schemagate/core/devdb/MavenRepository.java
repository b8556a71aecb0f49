package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Fetches jars from a Maven repository (Maven Central unless {@code SCHEMAGATE_MAVEN_REPOSITORY} names a mirror)
 * into a directory, checked against the {@code .sha1} the repository publishes next to each file. A file already
 * there is checked against the checksum saved with it and reused, so a warm cache needs no network.
 */
public final class MavenRepository {

    public static final String ENV = "SCHEMAGATE_MAVEN_REPOSITORY";
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CHECKSUM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JAR_TIMEOUT = Duration.ofMinutes(5);

    /** A jar's coordinates. */
    public record Artifact(String groupId, String artifactId, String version) {

        String path() {
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + fileName();
        }

        String fileName() {
            return artifactId + "-" + version + ".jar";
        }

        @Override
        public String toString() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    private final URI base;

    MavenRepository(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    public static MavenRepository fromEnvironment() {
        String mirror = System.getenv(ENV);
        return new MavenRepository(URI.create(mirror == null || mirror.isBlank() ? CENTRAL : mirror.strip()));
    }

    public URI base() {
        return base;
    }

    /** Where {@link #fetch} keeps {@code artifact} in {@code directory}. */
    static Path cachedJar(Artifact artifact, Path directory) {
        return directory.resolve(artifact.fileName());
    }

    /** The verified jar in {@code directory}, downloading it when it is missing or damaged. */
    public Path fetch(Artifact artifact, Path directory) throws IOException {
        Path jar = cachedJar(artifact, directory);
        Path checksum = directory.resolve(artifact.fileName() + ".sha1");
        if (Files.isRegularFile(jar) && Files.isRegularFile(checksum)
                && Files.readString(checksum, StandardCharsets.US_ASCII).strip().equals(sha1(jar))) {
            return jar;
        }
        Files.createDirectories(directory);
        HttpClient http = client();
        URI uri = base.resolve(artifact.path());
        String expected = expectedSha1(http, URI.create(uri + ".sha1"));
        Path partial = Files.createTempFile(directory, artifact.fileName(), ".part");
        try {
            HttpResponse<Path> response = send(http, HttpRequest.newBuilder(uri).timeout(JAR_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            String actual = sha1(partial);
            if (!actual.equals(expected)) {
                throw new IOException("checksum mismatch for " + uri + ": got sha1 " + actual + ", the repository says " + expected);
            }
            // Concurrent runs may race here; both wrote a verified file, so whichever move wins is fine.
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(checksum, expected + "\n", StandardCharsets.US_ASCII);
            return jar;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String expectedSha1(HttpClient http, URI uri) throws IOException {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(uri).timeout(CHECKSUM_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + uri);
        }
        // Some repositories append the file name after the hash.
        String body = response.body().strip();
        String hash = body.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!hash.matches("[0-9a-f]{40}")) {
            throw new IOException("no SHA-1 in " + uri);
        }
        return hash;
    }

    private static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + request.uri(), e);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(environmentProxy().orElse(ProxySelector.getDefault()))
                .build();
    }

    /** {@code HTTPS_PROXY} as CI runners set it; Java itself only reads the {@code https.proxyHost} property. */
    private static Optional<ProxySelector> environmentProxy() {
        String proxy = Optional.ofNullable(System.getenv("HTTPS_PROXY")).orElse(System.getenv("https_proxy"));
        if (proxy == null || proxy.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(proxy.contains("://") ? proxy.strip() : "http://" + proxy.strip());
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            return Optional.of(ProxySelector.of(InetSocketAddress.createUnresolved(uri.getHost(), port)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    static String sha1(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
