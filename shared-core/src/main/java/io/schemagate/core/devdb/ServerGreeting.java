package io.schemagate.core.devdb;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until a MySQL or MariaDB server in a container greets on its published port, and keeps the server version
 * from the greeting (the first packet of the client/server protocol, sent before any login). Testcontainers' own
 * MySQL and MariaDB readiness check logs in through a JDBC driver of each kind; this needs none. The official
 * images' entrypoints run their set-up server without networking, so the greeting comes from the real server.
 */
final class ServerGreeting extends AbstractWaitStrategy {

    /** Protocol version 10, the handshake every MySQL and MariaDB release since 3.21 sends. */
    private static final int HANDSHAKE_V10 = 10;
    private static final int ERROR_PACKET = 0xFF;
    /** MariaDB before 11 puts this in front of its version, for clients that expect a MySQL 5 server. */
    private static final String MARIADB_COMPATIBILITY_PREFIX = "5.5.5-";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final int port;
    private volatile String serverVersion;

    ServerGreeting(int port) {
        this.port = port;
    }

    /** The version the server greeted with, e.g. {@code 8.4.2} or {@code 10.11.6-MariaDB-0+deb12u1}. */
    Optional<String> serverVersion() {
        return Optional.ofNullable(serverVersion);
    }

    @Override
    protected void waitUntilReady() {
        String host = waitStrategyTarget.getHost();
        int published = waitStrategyTarget.getMappedPort(port);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("the container exited" + lastLogLine().map(line -> ": " + line).orElse(""));
            }
            try {
                serverVersion = greeting(host, published);
                return;
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for the server");
            }
        }
        throw new ContainerLaunchException("the server did not greet on " + UrlText.host(host) + ":" + published + " within "
                + startupTimeout.toSeconds() + " s (" + last + ")");
    }

    /** Connects, reads the server's first packet and hangs up; the version if it is a handshake. */
    static String greeting(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(PROBE_TIMEOUT.toMillis()));
            socket.setSoTimeout(Math.toIntExact(PROBE_TIMEOUT.toMillis()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            if (length < 2 || length > 1 << 16) {
                throw new IOException("not a MySQL protocol greeting");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            int first = payload[0] & 0xFF;
            if (first == ERROR_PACKET) {
                // e.g. 1040 too many connections while the server starts: its message after code and SQL state
                int start = payload.length > 3 && payload[3] == '#' ? 9 : 3;
                throw new IOException("the server refused: " + new String(payload, Math.min(start, payload.length),
                        Math.max(0, payload.length - start), StandardCharsets.UTF_8));
            }
            if (first != HANDSHAKE_V10) {
                throw new IOException("unknown MySQL protocol version " + first);
            }
            int end = 1;
            while (end < payload.length && payload[end] != 0) {
                end++;
            }
            String version = new String(payload, 1, end - 1, StandardCharsets.US_ASCII);
            return version.startsWith(MARIADB_COMPATIBILITY_PREFIX) ? version.substring(MARIADB_COMPATIBILITY_PREFIX.length()) : version;
        } catch (EOFException e) {
            // Docker's port proxy accepts before the server listens, then hangs up
            throw new IOException("connection closed before the greeting");
        }
    }

    private Optional<String> lastLogLine() {
        try {
            return waitStrategyTarget.getLogs().lines().map(String::strip).filter(line -> !line.isEmpty())
                    .reduce((first, second) -> second);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
