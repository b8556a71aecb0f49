/**
 * MySQL 8.0/8.4 and MariaDB 10.11+: {@code information_schema} inspection into the dialect-neutral
 * {@link io.schemagate.core.schema} model.
 */
package io.schemagate.core.dialect.mysql;
