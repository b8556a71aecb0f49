package io.schemagate.core.devdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code mysql://user:pass@host:port/db?params} or {@code mariadb://…}: a MySQL or MariaDB server reached over TCP.
 * schemagate works in a scratch database it creates there (or in {@code database} when it may not create one and
 * that database is empty).
 *
 * @param scheme     {@code mysql} or {@code mariadb}, kept so the masked URL looks like what the user wrote
 * @param password   {@code null} when the URL has none
 * @param database   the database to fall back on; empty when the URL names none
 * @param parameters {@code sslmode} ({@code disable}, {@code trust}, {@code verify-ca}, {@code verify-full}) and
 *                   {@code connect_timeout} (seconds), in the order given
 */
public record MysqlUrl(String scheme, String user, String password, String host, int port, Optional<String> database,
                       Map<String, String> parameters) implements DevUrl {

    public static final int DEFAULT_PORT = 3306;
    public static final String DEFAULT_USER = "root";

    public MysqlUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The same server and parameters, another login (the replay user). */
    public MysqlUrl withLogin(String otherUser, String otherPassword) {
        return new MysqlUrl(scheme, otherUser, otherPassword, host, port, database, parameters);
    }

    @Override
    public String masked() {
        StringBuilder url = new StringBuilder(scheme).append("://").append(UrlText.encode(user));
        if (password != null) {
            url.append(":****");
        }
        url.append('@').append(UrlText.host(host)).append(':').append(port).append('/');
        database.ifPresent(name -> url.append(UrlText.encode(name)));
        return url.append(UrlText.query(parameters)).toString();
    }

    /** MySQL has no search path; the dev database is the session's default database. */
    @Override
    public Optional<String> searchPath() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return masked();
    }
}
