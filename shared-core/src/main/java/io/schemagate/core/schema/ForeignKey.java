package io.schemagate.core.schema;

import java.util.List;

/**
 * @param referencedTable   the referenced table
 * @param referencedColumns in the order matching {@code columns}
 * @param deferrable        {@code DEFERRABLE}
 * @param initiallyDeferred {@code INITIALLY DEFERRED}
 * @param validated         false while added {@code NOT VALID} and not yet validated
 * @param enforced          false for {@code NOT ENFORCED} (PostgreSQL 18+; always true before)
 */
public record ForeignKey(long oid, String name, List<String> columns, QualifiedName referencedTable,
                         List<String> referencedColumns, Action onUpdate, Action onDelete, boolean deferrable,
                         boolean initiallyDeferred, boolean validated, boolean enforced, String definition)
        implements Constraint {

    public enum Action {
        NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT
    }

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
