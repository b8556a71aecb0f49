/**
 * PostgreSQL: its {@link io.schemagate.core.dialect.postgres.PostgresDriver driver}, catalog inspection into the
 * dialect-neutral {@link io.schemagate.core.schema} model, the migration tools' tables, and the lock, rewrite and
 * timeout analyzers.
 */
package io.schemagate.core.dialect.postgres;
