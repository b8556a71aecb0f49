package io.schemagate.core.replay;

import io.schemagate.core.schema.RenamePairing;

/**
 * How a database runs a migration file, as far as the replay must know.
 *
 * @param transactionalDdl DDL runs inside a transaction and rolls back with it (PostgreSQL, SQLite); MySQL and
 *                         MariaDB commit before and after every DDL statement, so a failed file stays half applied
 * @param batches          the driver runs several statements sent as one query (pgjdbc does; the SQLite and MariaDB
 *                         drivers run only the first, or refuse), so base files can go in one round trip
 * @param namedIdentity    the catalog has no object identity beyond names (MySQL, MariaDB, SQLite: no oids), so a
 *                         rename is paired from one statement's drop and add ({@link RenamePairing})
 */
public record ReplaySemantics(boolean transactionalDdl, boolean batches, boolean namedIdentity) {
}
