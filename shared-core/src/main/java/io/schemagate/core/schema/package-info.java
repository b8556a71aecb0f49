/**
 * An immutable, dialect-neutral model of an inspected database ({@link io.schemagate.core.schema.Catalog}) and the
 * closed set of changes between two such models ({@link io.schemagate.core.schema.SchemaChange}, computed by
 * {@link io.schemagate.core.schema.SchemaDiff}).
 *
 * <p>Conventions of every record here:
 * <ul>
 *   <li>Names are stored as the database stores them (unquoted, case preserved); {@code object()} strings join them
 *       with dots, unquoted, because they are read by people, not parsed.</li>
 *   <li>Types and expressions are text as the database formats them (PostgreSQL: {@code format_type},
 *       {@code pg_get_expr}, …), so reports can quote them.</li>
 *   <li>Absent optional values are {@code null} (documented per component); lists are never null and are
 *       unmodifiable.</li>
 *   <li>Dialect-specific identity is kept to what diffing and analysis need: {@code oid} (a stable object id; 0 when the
 *       dialect has none, and the differ then matches by name), {@code relfilenode} (the storage file; a change means
 *       the data was rewritten) and a column's {@code attnum}.</li>
 * </ul>
 */
package io.schemagate.core.schema;
