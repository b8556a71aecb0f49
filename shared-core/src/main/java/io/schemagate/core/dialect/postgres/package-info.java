/**
 * PostgreSQL: catalog inspection into the dialect-neutral {@link io.schemagate.core.schema} model.
 */
package io.schemagate.core.dialect.postgres;
