package io.schemagate.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * hub4j's connector over {@code java.net.http}, with timeouts. hub4j's own {@code HttpClientGitHubConnector} takes a
 * client (and so a connect timeout) but sets no request timeout, and java.net.http has no client-wide one: a GitHub
 * that accepts the connection and never answers would hang the job. Here connecting, and the whole exchange (answer
 * and body, a few kilobytes of JSON), each get {@code timeout}.
 *
 * <p>A timeout surfaces as {@link HttpTimeoutException}, which hub4j does not retry (it retries only socket
 * timeouts, with sleeps in between): a silent GitHub costs two timeouts (hub4j first asks whose token it holds, and
 * shrugs off that failure), then the publisher's one warning.
 */
final class TimeoutConnector implements GitHubConnector {
    private final HttpClient client;
    private final Duration timeout;

    TimeoutConnector(Duration timeout) {
        this.timeout = timeout;
        // hub4j follows redirects itself, as its own connector does.
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(timeout);
        } catch (URISyntaxException e) {
            throw new IOException("invalid URL " + request.url(), e);
        }
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getValue() != null) {
                builder.header(header.getKey(), String.join(",", header.getValue()));
            }
        }
        HttpRequest.BodyPublisher body = request.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(request.body().readAllBytes())
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest built = builder.method(request.method(), body).build();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(request, response);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(request, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException timeoutException) {
                throw timedOut(request, timeoutException);
            }
            if (e.getCause() instanceof ConnectException refused) {
                throw refused;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw (IOException) new InterruptedIOException("interrupted").initCause(e);
        }
    }

    private HttpTimeoutException timedOut(GitHubConnectorRequest request, Exception cause) {
        HttpTimeoutException e = new HttpTimeoutException("no answer from " + request.url().getHost()
                + (request.url().getPort() < 0 ? "" : ":" + request.url().getPort()) + " within "
                + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        e.initCause(cause);
        return e;
    }

    /** The whole body, read within the timeout. */
    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
        private final byte[] body;

        Response(GitHubConnectorRequest request, HttpResponse<byte[]> response) {
            super(request, response.statusCode(), response.headers().map());
            this.body = response.body() == null ? new byte[0] : response.body();
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
