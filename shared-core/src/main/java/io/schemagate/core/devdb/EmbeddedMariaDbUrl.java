package io.schemagate.core.devdb;

import java.util.Optional;

/**
 * {@code embedded://mariadb}: a private MariaDB server schemagate starts for the run and removes afterwards (the
 * default dev database of MySQL and MariaDB migration directories; linux-x86_64 only).
 */
public record EmbeddedMariaDbUrl() implements DevUrl {

    @Override
    public String masked() {
        return "embedded://mariadb";
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
