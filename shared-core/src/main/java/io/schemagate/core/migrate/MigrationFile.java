package io.schemagate.core.migrate;

/**
 * One file of a migration directory that its tool would run.
 *
 * @param name        path relative to the directory, with {@code /} (Flyway may nest)
 * @param displayPath the path shown to users
 * @param version     the version as written in the name (may be empty for Flyway repeatables)
 * @param description the rest of the name
 * @param kind        versioned, or a Flyway baseline/repeatable
 * @param txMode      what the format's side files say (Flyway {@code .sql.conf}); {@code null} when they say nothing
 * @param bytes       the file's content, unchanged
 */
public record MigrationFile(String name, String displayPath, String version, String description, FileKind kind,
                            TxMode txMode, byte[] bytes) {

    public static MigrationFile versioned(MigrationDir dir, String name, String version, String description, byte[] bytes) {
        return new MigrationFile(name, dir.displayOf(name), version, description, FileKind.VERSIONED, null, bytes);
    }
}
