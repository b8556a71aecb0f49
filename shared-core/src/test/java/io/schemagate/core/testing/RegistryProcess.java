package io.schemagate.core.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Debian {@code docker-registry} on a free loopback port with its own storage directory; {@link #close}
 * kills it. {@code auth} is YAML for the config's {@code auth:} section (indented two spaces), or null for none.
 */
public final class RegistryProcess implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";

    public final int port;
    public final Path storage;
    private final Path work;
    private final Process process;

    /** Without authentication. */
    public static RegistryProcess open() throws IOException, InterruptedException {
        return new RegistryProcess(work -> null);
    }

    /** Writes what the auth section needs into the work directory it is given, and returns that section. */
    public interface AuthSetup {
        String write(Path work) throws IOException;
    }

    public RegistryProcess(AuthSetup setup) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            String problem = BINARY + " is not installed (apt-get install docker-registry; .ci/run does it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IOException(problem);
            }
            Assumptions.abort(problem + ": registry test skipped");
        }
        work = Files.createTempDirectory("schemagate-registry");
        String auth = setup.write(work);
        storage = Files.createDirectories(work.resolve("storage"));
        port = freePort();
        String config = "version: 0.1\n"
                + "log:\n  level: error\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + storage + "\n  delete:\n    enabled: true\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: schemagate-test\n"
                + (auth == null ? "" : "auth:\n" + auth);
        Path configFile = work.resolve("config.yml");
        Files.writeString(configFile, config);
        process = new ProcessBuilder(BINARY, "serve", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(work.resolve("registry.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v2/").toURL().openConnection();
                c.setConnectTimeout(500);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200 || code == 401) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IOException("docker-registry did not answer on port " + port);
            }
            Thread.sleep(100);
        }
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(BINARY));
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    public Path work() {
        return work;
    }

    /** The storage file of a blob. */
    public Path blob(String digest) {
        String hex = digest.substring("sha256:".length());
        return storage.resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
