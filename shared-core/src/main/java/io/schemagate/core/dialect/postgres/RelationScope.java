package io.schemagate.core.dialect.postgres;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which relations the relation readers (tables, views, their columns, indexes, constraints, triggers) read: all of
 * them, or the few a statement can have changed. Each reader's query carries {@link #MARK} in its WHERE clause; the
 * scope replaces it with a filter on the reader's relation column.
 */
final class RelationScope {
    static final RelationScope ALL = new RelationScope(null);

    /**
     * Where a reader's query lets a scope narrow it: a condition that is true as written. It starts with a space,
     * which a text block would strip from the end of the line before it.
     */
    static final String MARK = " /* relation scope */ true";

    /**
     * Where a query takes a set of oids: an array parameter behind a sub-select. The server plans a prepared query
     * for its parameters' values the first five times, then keeps a generic plan only if that looks no dearer; a plan
     * for two known oids always looks cheaper than one for an array of unknown length, so it would go on planning
     * each run (a millisecond per query). Behind the sub-select no plan sees the values, the generic one is kept, and
     * it reads the same indexes. (The cast makes it an expression: {@code = ANY ((SELECT …))} would compare with
     * the sub-select's rows.)
     */
    static final String OIDS = "(SELECT ?::pg_catalog.oid[])::pg_catalog.oid[]";

    /** The relations to read, in order; {@code null} for all. */
    private final long[] oids;
    private final List<String> parameters;

    /** @param oids the relations to read, or {@code null} for all */
    RelationScope(Set<Long> oids) {
        this.oids = oids == null ? null : oids.stream().mapToLong(Long::longValue).sorted().toArray();
        this.parameters = oids == null ? List.of() : List.of(literal(oids));
    }

    boolean all() {
        return oids == null;
    }

    /** Whether the relation is read (again); every one is in {@link #ALL}. */
    boolean contains(long oid) {
        return oids == null || Arrays.binarySearch(oids, oid) >= 0;
    }

    /**
     * The reader's query with its mark replaced by {@code column = ANY (}{@link #OIDS}{@code )}: one text whatever the oids, so the server
     * plans it once per connection; {@link #parameters()} gives the value.
     */
    String apply(String sql, String column) {
        if (oids == null) {
            return sql;
        }
        return sql.replace(MARK, " " + column + " = ANY (" + OIDS + ")");
    }

    /** The parameters of a query {@link #apply} narrowed: the oids as an array literal; none for all. */
    List<String> parameters() {
        return parameters;
    }

    /** An {@code oid[]} literal; oids are numbers, never text from the migration. */
    static String literal(Set<Long> oids) {
        StringBuilder out = new StringBuilder("{");
        oids.stream().sorted().forEach(oid -> out.append(out.length() > 1 ? "," : "").append(oid));
        return out.append('}').toString();
    }
}
