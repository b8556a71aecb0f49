package io.schemagate.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.schemagate.core.testing.SilentServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A registry (or its token service) that accepts the connection and then says nothing must not hang a run. */
@Timeout(60) // a regression fails here instead of hanging the build
class RegistryTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Far below the client's former two-minute request timeout, far above the 1 s asked for. */
    private static final long BOUND_MILLIS = 10_000;

    private static RegistryClient client(String hostPort) throws RegistryException {
        return new RegistryClient(OciRef.parse("oci://" + hostPort + "/team/app"), Credentials.ANONYMOUS, false, TIMEOUT);
    }

    private static RegistryException failsInTime(ThrowingCall call) {
        long start = System.nanoTime();
        RegistryException e = assertThrows(RegistryException.class, call::run);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < BOUND_MILLIS, "took " + millis + " ms: " + e.getMessage());
        assertTrue(millis >= TIMEOUT.toMillis() - 100, "gave up before the timeout: " + millis + " ms");
        assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
        return e;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aPeerThatNeverAnswersFailsWithinTheTimeoutNamingTheRegistry() {
        try (SilentServer silent = new SilentServer()) {
            RegistryException e = failsInTime(() -> client(silent.hostPort()).manifestDigest("latest"));
            assertEquals(silent.hostPort() + ": no answer within 1 s (--network-timeout)", e.getMessage());
            assertEquals(1, silent.accepted());
        }
    }

    @Test
    void aBodyThatStallsHalfwayFailsWithinTheTimeout() {
        // java.net.http's request timeout stops at the headers; the exchange as a whole must be bounded too.
        String headers = "HTTP/1.1 200 OK\r\nContent-Type: " + RegistryClient.OCI_MANIFEST
                + "\r\nContent-Length: 1000\r\n\r\n{\"schemaVersion\":";
        try (SilentServer stalling = new SilentServer(headers)) {
            RegistryException e = failsInTime(() -> client(stalling.hostPort()).getManifest("latest"));
            assertTrue(e.getMessage().startsWith(stalling.hostPort() + ": no answer within"), e.getMessage());
        }
    }

    @Test
    void aSilentTokenServiceFailsWithinTheTimeout() throws Exception {
        try (SilentServer tokens = new SilentServer()) {
            HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            registry.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("WWW-Authenticate",
                        "Bearer realm=\"http://" + tokens.hostPort() + "/token\",service=\"test\"");
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
            });
            registry.start();
            try {
                String hostPort = "127.0.0.1:" + registry.getAddress().getPort();
                RegistryException e = failsInTime(() -> client(hostPort).manifestDigest("latest"));
                assertEquals(hostPort + ": token service http://" + tokens.hostPort() + "/token: no answer within 1 s"
                        + " (--network-timeout)", e.getMessage());
            } finally {
                registry.stop(0);
            }
        }
    }
}
