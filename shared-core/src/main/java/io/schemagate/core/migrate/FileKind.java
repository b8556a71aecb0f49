package io.schemagate.core.migrate;

/** What role a file plays in its directory. Only Flyway has more than versioned files. */
public enum FileKind {
    VERSIONED,
    /** Flyway {@code B} script: a full schema used instead of the versions at or below it on an empty database. */
    BASELINE,
    /** Flyway {@code R__} script: re-run whenever it changes, after all versioned ones. */
    REPEATABLE
}
