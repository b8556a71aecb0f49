package io.schemagate.core.devdb;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code docker://postgres/TAG[/DB]}: a throw-away container of the official {@code postgres} image.
 *
 * @param tag      the image tag as written, e.g. {@code 16} or {@code 16.4-alpine}
 * @param major    the tag's leading number
 * @param database the database the container creates ({@code POSTGRES_DB}); {@code postgres} when not given
 */
public record DockerUrl(String tag, int major, String database, Optional<String> searchPath) implements DevUrl {

    public static final String IMAGE = "postgres";
    public static final String DEFAULT_DATABASE = "postgres";

    public DockerUrl {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(searchPath, "searchPath");
    }

    /** {@code postgres:TAG}, the image reference for the engine. */
    public String image() {
        return IMAGE + ":" + tag;
    }

    @Override
    public String masked() {
        return "docker://" + IMAGE + "/" + tag + "/" + database
                + UrlText.query(searchPath.map(p -> Map.of("search_path", p)).orElse(Map.of()));
    }

    @Override
    public String toString() {
        return masked();
    }
}
