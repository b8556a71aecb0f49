package io.schemagate.core.dialect;

import io.schemagate.core.migrate.DbmateFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.GooseFormat;
import java.util.List;

/**
 * The bookkeeping tables a migration tool creates before it runs the first file. Some migrations touch them (Harbor
 * alters golang-migrate's {@code schema_migrations}), so the replay creates them as the tool would, in each
 * database's DDL. Atlas keeps its revisions in a schema of its own; no Flyway or Liquibase file touches their tables.
 *
 * @param golangMigrate golang-migrate's {@code schema_migrations}
 * @param goose         goose's {@code goose_db_version}
 * @param dbmate        dbmate's {@code schema_migrations}
 */
public record ToolTables(String golangMigrate, String goose, String dbmate) {

    public List<String> of(DirFormat format) {
        if (format instanceof GolangMigrateFormat) {
            return List.of(golangMigrate);
        }
        if (format instanceof GooseFormat) {
            return List.of(goose);
        }
        if (format instanceof DbmateFormat) {
            return List.of(dbmate);
        }
        return List.of();
    }
}
