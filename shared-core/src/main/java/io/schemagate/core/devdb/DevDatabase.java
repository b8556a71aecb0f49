package io.schemagate.core.devdb;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A clean, disposable PostgreSQL database to replay migrations on, with the one connection schemagate uses.
 * Opened from a {@link DevUrl}; {@link #close()} removes what was made for it (the scratch database, the embedded
 * server, the container, or the objects created in a given empty database), also when the JVM is stopped by
 * SIGINT/SIGTERM while it is open. It hands out a connection only, so callers read catalogs, not table rows.
 */
public interface DevDatabase extends AutoCloseable {

    /** Makes the dev database {@code url} names, checks it is empty and opens its session with {@code settings}. */
    static DevDatabase open(DevUrl url, DevSettings settings) throws DevDatabaseException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(settings, "settings");
        // Java 17 has no pattern switch yet; DevUrl is sealed, so these are all the cases.
        if (url instanceof PostgresUrl postgres) {
            return ServiceDevDatabases.open(postgres, settings);
        }
        if (url instanceof EmbeddedUrl embedded) {
            return EmbeddedDevDatabase.open(embedded, settings);
        }
        if (url instanceof DockerUrl docker) {
            return ContainerDevDatabase.open(docker, settings);
        }
        throw new IllegalArgumentException("unknown dev URL kind: " + url.getClass().getName());
    }

    /**
     * The dev session: the one connection schemagate lints through, open until {@link #close()}, with
     * {@code application_name=schemagate}, the settings' {@code statement_timeout} and {@code lock_timeout}, the
     * URL's {@code search_path}, auto-commit on. (Creating and dropping a scratch database takes a short
     * housekeeping session on the URL's own database, before and after this one; it touches no data either.)
     */
    Connection connection();

    /**
     * What it is, for users, with URLs masked: {@code scratch database sg_dev_x1y2 on postgres://ci:****@db:5432/app},
     * {@code embedded PostgreSQL 16.4}.
     */
    String description();

    /** The server's major version, e.g. 16. */
    int serverMajorVersion();

    /**
     * Databases, roles and tablespaces that appeared on the server since the last call, outside this dev database:
     * what a migration made beyond its reach when it replays with more than the default privileges. Each is dropped
     * again when the login may; other schemagate runs' scratch objects are not counted.
     */
    default List<OutsideObject> outsideChanges() {
        return List.of();
    }

    /**
     * Why schemagate itself stopped the dev database under the run (an embedded server in shared memory that outgrew
     * what it may use there), as a sentence; empty while it did not. Statements failed after it for that reason alone.
     */
    default Optional<String> stopped() {
        return Optional.empty();
    }

    /** Where this dev database keeps replayed bases between runs; empty when it cannot keep any. */
    default Optional<BaseCache> baseCache() {
        return Optional.empty();
    }

    /**
     * Called before each statement of a replay, for dev databases that time statements themselves (SQLite has no
     * statement timeout of its own).
     */
    default void statementStarting() {
    }

    /** Idempotent and never throws: a cleanup that fails leaves at worst a database named {@code sg_dev_…}. */
    @Override
    void close();
}
