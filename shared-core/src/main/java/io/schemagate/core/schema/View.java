package io.schemagate.core.schema;

import java.util.List;

/**
 * A view.
 *
 * @param definition  the query as the database formats it ({@code pg_get_viewdef}); it names tables and columns by
 *                    their current names, so renaming a table the view reads changes this text
 * @param fingerprint an opaque digest of the stored definition that renames elsewhere do not change (PostgreSQL: a
 *                    digest of the rewrite rule, which refers to objects by oid); the differ compares it to tell
 *                    {@code CREATE OR REPLACE VIEW} from renames. Null when the dialect has none: the differ then
 *                    compares {@code definition}
 * @param columns     the view's output columns, by position
 * @param triggers    INSTEAD OF triggers, by name
 */
public record View(long oid, String schema, String name, String definition, String fingerprint,
                   List<Column> columns, List<Trigger> triggers) {

    public View {
        columns = List.copyOf(columns);
        triggers = List.copyOf(triggers);
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
