package io.schemagate.core.diff;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Schema;
import java.util.Set;

/**
 * The migration tools' own bookkeeping, as a migrated database holds it: Atlas's revisions schema and the tables
 * golang-migrate, goose, dbmate, Flyway and Liquibase keep. A plan against such a database leaves them out on both
 * sides: no migration file creates or drops them.
 */
final class ToolObjects {
    static final Set<String> SCHEMAS = Set.of("atlas_schema_revisions");
    static final Set<String> TABLES = Set.of("schema_migrations", "goose_db_version", "flyway_schema_history",
            "databasechangelog", "databasechangeloglock");

    private ToolObjects() {
    }

    static Catalog without(Catalog catalog) {
        return new Catalog(catalog.schemas().stream().filter(s -> !SCHEMAS.contains(s.name()))
                .map(s -> new Schema(s.oid(), s.name(), s.tables().stream().filter(t -> !TABLES.contains(t.name()))
                        .toList(), s.views(), s.materializedViews(), s.sequences(), s.enums(), s.functions()))
                .toList());
    }
}
