package io.schemagate.core.schema;

import java.util.List;

/**
 * An enum type.
 *
 * @param values labels in sort order
 */
public record EnumType(long oid, String schema, String name, List<String> values) {

    public EnumType {
        values = List.copyOf(values);
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
