package io.schemagate.core.schema;

/**
 * A column of a table or view.
 *
 * @param attnum               position (PostgreSQL {@code pg_attribute.attnum}: stable across renames and type
 *                             changes, never reused, so the differ matches columns by it; 0 when the dialect has none)
 * @param type                 as the database formats it, e.g. {@code character varying(20)}, {@code integer[]}
 * @param notNull              declared NOT NULL (PostgreSQL {@code attnotnull}; a primary key implies it)
 * @param defaultExpression    e.g. {@code now()}, {@code nextval('users_id_seq'::regclass)}; null when none
 *                             (identity and generated columns have none: see the next components)
 * @param identity             {@code GENERATED … AS IDENTITY}
 * @param generated            {@code GENERATED ALWAYS AS (…)}
 * @param generationExpression the expression of a generated column, else null
 * @param collation            the collation when it differs from the type's default (e.g. {@code "C"}), else null
 * @param comment              the column's comment ({@code COMMENT ON COLUMN}, MySQL's {@code COMMENT '…'}), else null
 * @param onUpdate             MySQL's {@code ON UPDATE} expression, set on every update of the row (e.g.
 *                             {@code current_timestamp()}), else null
 */
public record Column(int attnum, String name, String type, boolean notNull, String defaultExpression,
                     Identity identity, Generated generated, String generationExpression, String collation,
                     String comment, String onUpdate) {

    public enum Identity {
        NONE, ALWAYS, BY_DEFAULT
    }

    public enum Generated {
        NONE,
        /** Computed on write and stored: adding one rewrites the table. */
        STORED,
        /** Computed on read (PostgreSQL 18+). */
        VIRTUAL
    }

    /** A column without a comment or ON UPDATE (SQLite has neither). */
    public Column(int attnum, String name, String type, boolean notNull, String defaultExpression, Identity identity,
                  Generated generated, String generationExpression, String collation) {
        this(attnum, name, type, notNull, defaultExpression, identity, generated, generationExpression, collation, null,
                null);
    }

    /** A plain column: no default, no identity, not generated, default collation, no comment. */
    public static Column of(int attnum, String name, String type, boolean notNull) {
        return new Column(attnum, name, type, notNull, null, Identity.NONE, Generated.NONE, null, null);
    }

    public boolean nullable() {
        return !notNull;
    }

    public boolean hasDefault() {
        return defaultExpression != null;
    }
}
