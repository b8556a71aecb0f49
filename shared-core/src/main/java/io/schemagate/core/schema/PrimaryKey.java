package io.schemagate.core.schema;

import java.util.List;

/**
 * @param indexOid the index enforcing it; when that index existed before the statement that added the key, the key
 *                 was added {@code USING INDEX} (0 when the dialect has none)
 */
public record PrimaryKey(long oid, String name, List<String> columns, long indexOid, String definition)
        implements Constraint {

    public PrimaryKey {
        columns = List.copyOf(columns);
    }
}
