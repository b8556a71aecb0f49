package io.schemagate.core.sql;

import java.util.Locale;
import java.util.Optional;

/** The SQL dialects whose lexing schemagate understands. */
public enum Dialect {
    POSTGRES("postgres"),
    MYSQL("mysql"),
    SQLITE("sqlite");

    private final String id;

    Dialect(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Accepts the usual spellings: postgres, postgresql, pg; mysql, mariadb; sqlite, sqlite3. */
    public static Optional<Dialect> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql", "pg" -> Optional.of(POSTGRES);
            case "mysql", "mariadb" -> Optional.of(MYSQL);
            case "sqlite", "sqlite3" -> Optional.of(SQLITE);
            default -> Optional.empty();
        };
    }
}
