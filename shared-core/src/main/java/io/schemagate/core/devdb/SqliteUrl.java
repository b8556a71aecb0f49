package io.schemagate.core.devdb;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code sqlite://PATH} (a database file schemagate creates and deletes again; it must not exist, or be an empty
 * database) or {@code sqlite://NAME?mode=memory} (a private in-memory database, the usual dev URL for SQLite).
 *
 * @param location the file path as written, or the in-memory database's name
 * @param memory   {@code mode=memory}
 */
public record SqliteUrl(String location, boolean memory) implements DevUrl {

    public SqliteUrl {
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String masked() {
        return "sqlite://" + location + (memory ? "?mode=memory" : "");
    }

    @Override
    public Optional<String> searchPath() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return masked();
    }
}
