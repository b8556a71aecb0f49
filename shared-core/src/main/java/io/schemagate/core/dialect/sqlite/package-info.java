/**
 * SQLite: inspection of a database's {@code main} schema into the dialect-neutral {@link io.schemagate.core.schema}
 * model, from {@code sqlite_schema}, the table-valued pragma functions and, for what only the stored CREATE text
 * holds (CHECK constraints, generation expressions, collations, constraint names), a small tokenizer.
 */
package io.schemagate.core.dialect.sqlite;
