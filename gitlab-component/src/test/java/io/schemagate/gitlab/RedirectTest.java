package io.schemagate.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.schemagate.core.report.RuleDocs;
import io.schemagate.core.review.Publication;
import io.schemagate.core.testing.ReportSamples;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A CI_SERVER_URL that answers with a redirect to another host (a vanity domain, a misconfigured proxy, or a hostile
 * server): the token goes in a header, and must not follow the redirect there.
 */
class RedirectTest {
    private static final String TOKEN = "glpat-redirect-secret-0123";

    @Test
    void aRedirectToAnotherHostDoesNotCarryTheToken() throws IOException {
        List<String> stolen = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer thief = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        thief.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            String token = exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
            if (token != null) {
                stolen.add(token);
            }
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        thief.start();
        // "localhost" vs 127.0.0.1: another host name for HttpURLConnection
        String elsewhere = "http://localhost:" + thief.getAddress().getPort();
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", elsewhere + exchange.getRequestURI());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            String server = "http://127.0.0.1:" + redirecting.getAddress().getPort();
            Publication publication = new MergeRequestPublisher(new MergeRequestContext(server, "42", 7), TOKEN,
                    RuleDocs.DEFAULT_BASE_URL, Duration.ofSeconds(5), UnaryOperator.identity())
                    .publish(ReportSamples.risky(), Optional::of, true);
            assertEquals(List.of(), stolen, "requests that followed: " + seen);
            assertEquals(1, publication.warnings().size(), publication.warnings().toString());
            assertFalse(publication.warnings().get(0).contains(TOKEN));
            assertEquals("could not read merge request !7 of project 42: redirected (302 Temporary Redirect), and the token"
                    + " is not sent on to another address; CI_SERVER_URL must be the GitLab instance's own URL",
                    publication.warnings().get(0));
        } finally {
            redirecting.stop(0);
            thief.stop(0);
        }
    }
}
