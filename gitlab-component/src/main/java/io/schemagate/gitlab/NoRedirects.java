package io.schemagate.gitlab;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;
import java.util.concurrent.Future;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;

/**
 * Jersey's {@code HttpURLConnection} connector, never following a redirect. The token travels in a request header
 * ({@code PRIVATE-TOKEN}), which {@code HttpURLConnection} sends again to wherever a redirect points, another host
 * included; GitLab4J asks every request to follow redirects ({@code FOLLOW_REDIRECTS} on each target), so the property
 * is overridden here, on each request, where it is read. GitLab's API does not redirect: a 3xx is a proxy or a wrong
 * {@code CI_SERVER_URL}, and becomes a warning. Named by class in {@link ClientProperties#CONNECTOR_PROVIDER}.
 */
public final class NoRedirects implements ConnectorProvider {
    private final HttpUrlConnectorProvider connectors = new HttpUrlConnectorProvider();

    @Override
    public Connector getConnector(Client client, Configuration configuration) {
        Connector connector = connectors.getConnector(client, configuration);
        return new Connector() {
            @Override
            public ClientResponse apply(ClientRequest request) {
                request.setProperty(ClientProperties.FOLLOW_REDIRECTS, false);
                return connector.apply(request);
            }

            @Override
            public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
                request.setProperty(ClientProperties.FOLLOW_REDIRECTS, false);
                return connector.apply(request, callback);
            }

            @Override
            public String getName() {
                return connector.getName();
            }

            @Override
            public void close() {
                connector.close();
            }
        };
    }
}
