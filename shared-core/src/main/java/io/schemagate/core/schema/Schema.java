package io.schemagate.core.schema;

import java.util.List;
import java.util.Optional;

/**
 * One schema (namespace) and what it contains. Each list is ordered by name (functions by name, then arguments).
 *
 * @param oid identity (PostgreSQL {@code pg_namespace.oid}; 0 when the dialect has none)
 */
public record Schema(long oid, String name, List<Table> tables, List<View> views,
                     List<MaterializedView> materializedViews, List<Sequence> sequences, List<EnumType> enums,
                     List<Function> functions) {

    public Schema {
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        materializedViews = List.copyOf(materializedViews);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
        functions = List.copyOf(functions);
    }

    /** An empty schema. */
    public static Schema named(long oid, String name) {
        return new Schema(oid, name, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<View> view(String name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** True when the schema holds no object at all (DROP SCHEMA would not need CASCADE for these kinds). */
    public boolean isEmpty() {
        return tables.isEmpty() && views.isEmpty() && materializedViews.isEmpty() && sequences.isEmpty()
                && enums.isEmpty() && functions.isEmpty();
    }
}
