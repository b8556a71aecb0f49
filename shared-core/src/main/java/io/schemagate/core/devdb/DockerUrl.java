package io.schemagate.core.devdb;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code docker://KIND/TAG[/DB]}: a throw-away container of the official {@code postgres}, {@code mysql} or
 * {@code mariadb} image, started through Testcontainers ({@link DatabaseContainer}).
 *
 * @param kind     which database image
 * @param tag      the image tag as written, e.g. {@code 16}, {@code 16.4-alpine}, {@code 10.11}
 * @param major    the tag's leading number
 * @param database the database the container creates ({@code POSTGRES_DB}, {@code MARIADB_DATABASE}); the kind's
 *                 {@link Kind#defaultDatabase()} when not given
 */
public record DockerUrl(Kind kind, String tag, int major, String database, Optional<String> searchPath) implements DevUrl {

    /** The database images docker:// starts: their name, the port the server listens on, and what the URL defaults to. */
    public enum Kind {
        POSTGRES("postgres", 5432, 12, "postgres"),
        MYSQL("mysql", 3306, 8, "dev"),
        MARIADB("mariadb", 3306, 10, "dev");

        private final String image;
        private final int port;
        private final int minMajor;
        private final String defaultDatabase;

        Kind(String image, int port, int minMajor, String defaultDatabase) {
            this.image = image;
            this.port = port;
            this.minMajor = minMajor;
            this.defaultDatabase = defaultDatabase;
        }

        /** The official image's name, as in {@code docker://NAME/TAG}. */
        public String image() {
            return image;
        }

        /** The port the server listens on inside the container. */
        public int port() {
            return port;
        }

        /** The oldest major the dev databases are written for. */
        public int minMajor() {
            return minMajor;
        }

        public String defaultDatabase() {
            return defaultDatabase;
        }

        /** The kind named {@code image} in a URL, if docker:// starts it. */
        static Optional<Kind> named(String image) {
            for (Kind kind : values()) {
                if (kind.image.equals(image.toLowerCase(Locale.ROOT))) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public DockerUrl {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(searchPath, "searchPath");
    }

    /** {@code NAME:TAG}, the image reference for the engine, e.g. {@code postgres:16}. */
    public String image() {
        return kind.image() + ":" + tag;
    }

    @Override
    public String masked() {
        return "docker://" + kind.image() + "/" + tag + "/" + database
                + UrlText.query(searchPath.map(p -> Map.of("search_path", p)).orElse(Map.of()));
    }

    @Override
    public String toString() {
        return masked();
    }
}
