package io.schemagate.core.devdb;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code embedded://postgres[/MAJOR]}: a PostgreSQL server started by schemagate from binaries published on Maven
 * Central, private to this run and removed afterwards.
 */
public record EmbeddedUrl(int major, Optional<String> searchPath) implements DevUrl {

    /** The major bundled with schemagate (linux-amd64 and linux-arm64v8): the only one that needs no download. */
    public static final int DEFAULT_MAJOR = 16;

    public EmbeddedUrl {
        Objects.requireNonNull(searchPath, "searchPath");
    }

    @Override
    public String masked() {
        return "embedded://postgres/" + major + UrlText.query(searchPath.map(p -> Map.of("search_path", p)).orElse(Map.of()));
    }

    @Override
    public String toString() {
        return masked();
    }
}
