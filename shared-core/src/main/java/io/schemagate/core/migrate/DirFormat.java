package io.schemagate.core.migrate;

import io.schemagate.core.sql.Dialect;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * How one migration tool names, orders and reads its files (rules.md §5).
 * Each tool is one implementation; {@link #ALL} lists them in the order the CLI documents them.
 */
public sealed interface DirFormat
        permits AtlasFormat, FlywayFormat, GolangMigrateFormat, GooseFormat, DbmateFormat, LiquibaseFormat {

    List<DirFormat> ALL = List.of(new AtlasFormat(), new FlywayFormat(), new GolangMigrateFormat(),
            new GooseFormat(), new DbmateFormat(), new LiquibaseFormat());

    /** The {@code --dir-format} value. */
    String id();

    /** The files the tool would run, in its order, and what is wrong with their names. */
    Listing list(MigrationDir dir) throws IOException;

    /** Which parts of {@code file} run and in which transaction mode. */
    Layout layout(MigrationFile file, SourceText source, Dialect dialect);

    /**
     * Whether the tool sends a whole file as one query, so that a file of one statement runs without a transaction
     * (golang-migrate, rules.md §6.2).
     */
    default boolean sendsFileAsOneQuery() {
        return false;
    }

    /** Whether a directory of this format must carry {@code atlas.sum} (only Atlas's own format, by default). */
    default boolean requiresSum() {
        return false;
    }

    static Optional<DirFormat> byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    static List<String> ids() {
        return ALL.stream().map(DirFormat::id).toList();
    }
}
