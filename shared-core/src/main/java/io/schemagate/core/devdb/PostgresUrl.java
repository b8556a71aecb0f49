package io.schemagate.core.devdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code postgres://user:pass@host:port/db?params}: a PostgreSQL server reached over TCP. Also the connection
 * target of the embedded and container dev databases, which end up as a server on some host and port.
 *
 * @param scheme     {@code postgres} or {@code postgresql}, kept so the masked URL looks like what the user wrote
 * @param password   {@code null} when the URL has none (then pgjdbc may take one from {@code ~/.pgpass})
 * @param database   never empty: defaults to the user's name, as libpq does
 * @param parameters connection parameters in libpq spelling ({@code sslmode}, {@code sslrootcert}, {@code sslcert},
 *                   {@code sslkey}, {@code connect_timeout}), in the order given
 * @param searchPath the session's {@code search_path}
 */
public record PostgresUrl(String scheme, String user, String password, String host, int port, String database,
                          Map<String, String> parameters, Optional<String> searchPath) implements DevUrl {

    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_USER = "postgres";

    public PostgresUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(searchPath, "searchPath");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The same server and login, another database: the scratch database, or the maintenance one. */
    public PostgresUrl withDatabase(String otherDatabase) {
        return new PostgresUrl(scheme, user, password, host, port, otherDatabase, parameters, searchPath);
    }

    @Override
    public String masked() {
        StringBuilder url = new StringBuilder(scheme).append("://").append(UrlText.encode(user));
        if (password != null) {
            url.append(":****");
        }
        url.append('@').append(UrlText.host(host)).append(':').append(port).append('/').append(UrlText.encode(database));
        Map<String, String> query = new LinkedHashMap<>(parameters);
        searchPath.ifPresent(path -> query.put("search_path", path));
        return url.append(UrlText.query(query)).toString();
    }

    @Override
    public String toString() {
        return masked();
    }
}
