package io.schemagate.core.dialect.postgres;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which relations the relation readers (tables, views, their columns, indexes, constraints, triggers, sequences) read:
 * all of them, or the few a statement can have changed. Each reader's query carries {@link #FROM} right after its
 * {@code FROM} and {@link #MARK} in its WHERE clause; a scope makes the query start from its oids and join the
 * reader's relation column to them.
 */
final class RelationScope {
    static final RelationScope ALL = new RelationScope(null);

    /**
     * Where a reader's query lets a scope narrow it: a condition that is true as written. It starts with a space,
     * which a text block would strip from the end of the line before it.
     */
    static final String MARK = " /* relation scope */ true";

    /** Where a reader's query lets a scope put its oids first in the FROM clause: a comment as written. */
    static final String FROM = "/* relation scope from */ ";

    /**
     * Where a query takes a set of oids: an array parameter behind a sub-select. The server plans a prepared query
     * for its parameters' values the first five times, then keeps a generic plan only if that looks no dearer; a plan
     * for two known oids always looks cheaper than one for an array of unknown length, so it would go on planning
     * each run (a millisecond per query). Behind the sub-select no plan sees the values, and the generic one is kept.
     * (The cast makes it an expression: {@code = ANY ((SELECT …))} would compare with the sub-select's rows.)
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
     * The reader's query starting from the scope's oids, {@code column} joined to them: one text whatever the oids,
     * so the server plans it once per connection ({@link #parameters()} gives the value). Starting from the oids, with
     * their number unknown to the planner (ten, it assumes), every plan looks up each relation by index; a filter
     * {@code column = ANY (…)} on the catalog would let it choose to read whole catalogs, which it did on small ones.
     */
    String apply(String sql, String column) {
        if (oids == null) {
            return sql;
        }
        if (!sql.contains(FROM) || !sql.contains(MARK)) {
            throw new IllegalArgumentException("a scoped query needs both marks: " + sql);
        }
        return sql.replace(FROM, "pg_catalog.unnest(" + OIDS + ") AS in_scope(oid) CROSS JOIN ")
                .replace(MARK, " " + column + " = in_scope.oid");
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
