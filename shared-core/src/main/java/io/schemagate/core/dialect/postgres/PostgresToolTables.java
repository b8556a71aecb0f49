package io.schemagate.core.dialect.postgres;

import io.schemagate.core.migrate.DbmateFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.GooseFormat;
import java.util.List;

/**
 * The bookkeeping tables a migration tool creates before it runs the first file. Some migrations touch them (Harbor
 * alters golang-migrate's {@code schema_migrations}), so the replay creates them as the tool would (PostgreSQL DDL).
 */
final class PostgresToolTables {
    private PostgresToolTables() {
    }

    static List<String> of(DirFormat format) {
        if (format instanceof GolangMigrateFormat) {
            return List.of("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY,"
                    + " dirty boolean NOT NULL)");
        }
        if (format instanceof GooseFormat) {
            return List.of("CREATE TABLE IF NOT EXISTS goose_db_version (id serial PRIMARY KEY,"
                    + " version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NOT NULL DEFAULT now())");
        }
        if (format instanceof DbmateFormat) {
            return List.of("CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)");
        }
        // Atlas keeps its revisions in a schema of its own; no Flyway or Liquibase file touches their tables.
        return List.of();
    }
}
