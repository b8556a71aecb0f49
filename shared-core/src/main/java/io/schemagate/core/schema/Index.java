package io.schemagate.core.schema;

import java.util.List;

/**
 * An index of a table or materialized view.
 *
 * @param oid         identity (PostgreSQL {@code pg_class.oid} of the index; 0 when the dialect has none)
 * @param relfilenode the storage file; a different value for the same index means it was rebuilt (table rewrite,
 *                    REINDEX). 0 for partitioned indexes, which have no storage
 * @param unique      UNIQUE
 * @param primary     the index behind the primary key
 * @param valid       false for an index left behind by a failed {@code CREATE INDEX CONCURRENTLY} (or still being
 *                    built): it is not used by queries, but a unique one still checks inserts
 * @param method      access method, e.g. {@code btree}, {@code gin}
 * @param parts       key parts, in order
 * @param include     non-key columns ({@code INCLUDE (…)})
 * @param predicate   the WHERE of a partial index, else null
 * @param definition  the full statement as the database formats it, e.g.
 *                    {@code CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)}
 * @param constraint  the name of the primary key or unique constraint this index enforces, else null; the differ
 *                    reports such an index through its constraint, not as an index of its own
 */
public record Index(long oid, long relfilenode, String name, boolean unique, boolean primary, boolean valid,
                    String method, List<IndexPart> parts, List<String> include, String predicate, String definition,
                    String constraint) {

    public Index {
        parts = List.copyOf(parts);
        include = List.copyOf(include);
    }

    /** The plain columns among the key parts, in order (expression parts left out). */
    public List<String> columns() {
        return parts.stream().filter(IndexPart::isColumn).map(IndexPart::column).toList();
    }

    public boolean partial() {
        return predicate != null;
    }

    /** True when some key part is an expression rather than a column. */
    public boolean hasExpressions() {
        return parts.stream().anyMatch(p -> !p.isColumn());
    }
}
