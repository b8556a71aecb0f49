package io.schemagate.core.schema;

import java.util.List;

/**
 * A materialized view.
 *
 * @param relfilenode changes when the view is refreshed (its data is rewritten)
 * @param populated   false after {@code WITH NO DATA} until the first refresh
 * @param definition  the query as the database formats it
 * @param columns     by position
 * @param indexes     by name
 */
public record MaterializedView(long oid, long relfilenode, String schema, String name, boolean populated,
                               String definition, List<Column> columns, List<Index> indexes) {

    public MaterializedView {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
