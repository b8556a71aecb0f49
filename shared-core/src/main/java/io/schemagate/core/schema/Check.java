package io.schemagate.core.schema;

import java.util.List;

/**
 * A CHECK constraint.
 *
 * @param expression the condition as the database formats it, e.g. {@code (price > 0)}
 * @param columns    the columns it mentions
 * @param validated  false while added {@code NOT VALID} and not yet validated
 * @param noInherit  PostgreSQL {@code NO INHERIT}
 * @param enforced   false for {@code NOT ENFORCED} (PostgreSQL 18+; always true before)
 */
public record Check(long oid, String name, String expression, List<String> columns, boolean validated,
                    boolean noInherit, boolean enforced, String definition) implements Constraint {

    public Check {
        columns = List.copyOf(columns);
    }
}
