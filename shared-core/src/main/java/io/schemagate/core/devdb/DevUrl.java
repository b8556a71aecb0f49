package io.schemagate.core.devdb;

import java.util.Optional;

/**
 * Where the dev database comes from, as given by {@code --dev-url}:
 * <ul>
 *   <li>{@code postgres://user:pass@host:port/db?sslmode=…&search_path=…} (also {@code postgresql://}): a database
 *       service; schemagate works in a scratch database it creates there, or in the given one when it is empty;</li>
 *   <li>{@code embedded://postgres[/MAJOR]}: a private PostgreSQL server schemagate starts (the default, {@link #DEFAULT_URL});</li>
 *   <li>{@code docker://postgres|mysql|mariadb/TAG[/DB]}: a throw-away container, where a container engine is
 *       available;</li>
 *   <li>{@code mysql://user:pass@host:port[/db]} (also {@code mariadb://}): a MySQL or MariaDB service, worked on in
 *       a scratch database;</li>
 *   <li>{@code embedded://mariadb}: a private MariaDB server schemagate starts (the default for MySQL);</li>
 *   <li>{@code sqlite://PATH} or {@code sqlite://NAME?mode=memory}: a SQLite database file or an in-memory one.</li>
 * </ul>
 * Records, so the lint engine can tell them apart; {@link #toString()} is {@link #masked()} on each of them, so a
 * URL logged by accident still shows no password.
 */
public sealed interface DevUrl permits PostgresUrl, EmbeddedUrl, DockerUrl, MysqlUrl, EmbeddedMariaDbUrl,
        SqliteUrl {

    /** The dev URL when {@code --dev-url} is omitted: works with no database, no engine and no network. */
    String DEFAULT_URL = "embedded://postgres";

    /** Parses a {@code --dev-url}; a bad one gets a one-line message naming the URL masked. */
    static DevUrl parse(String url) throws DevUrlException {
        return DevUrlParser.parse(url);
    }

    /** The URL for output: the password replaced by {@code ****}, defaults spelled out. */
    String masked();

    /** The session's {@code search_path} from the URL's {@code search_path} parameter, if any. */
    Optional<String> searchPath();
}
