package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Column;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column names by relation oid and attnum, from the columns already read: indexes and constraints refer to columns by
 * attnum, and resolving them here is cheaper than a correlated lookup per index or constraint on the server.
 */
final class ColumnNames {

    private final Map<Long, Map<Integer, String>> byRelation = new HashMap<>();

    ColumnNames(Map<Long, List<Column>> columns) {
        columns.forEach((relation, list) -> {
            Map<Integer, String> names = new HashMap<>();
            for (Column c : list) {
                names.put(c.attnum(), c.name());
            }
            byRelation.put(relation, names);
        });
    }

    /** The column's name; a relation or attnum the inspection did not see (cannot happen for its own relations) fails. */
    String of(long relation, int attnum) {
        String name = byRelation.getOrDefault(relation, Map.of()).get(attnum);
        if (name == null) {
            throw new IllegalStateException("no column " + attnum + " in relation " + relation);
        }
        return name;
    }
}
