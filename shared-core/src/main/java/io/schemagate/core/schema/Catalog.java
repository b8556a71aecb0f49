package io.schemagate.core.schema;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything an inspection saw in one database: its user schemas (system schemas are left out).
 *
 * @param schemas ordered by name
 */
public record Catalog(List<Schema> schemas) {

    public Catalog {
        schemas = List.copyOf(schemas);
    }

    public static Catalog empty() {
        return new Catalog(List.of());
    }

    public Optional<Schema> schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Table> table(String schema, String name) {
        return schema(schema).flatMap(s -> s.table(name));
    }

    public Optional<Table> table(QualifiedName name) {
        return table(name.schema(), name.name());
    }

    /** Every table of every schema, schema by schema. */
    public Stream<Table> tables() {
        return schemas.stream().flatMap(s -> s.tables().stream());
    }
}
