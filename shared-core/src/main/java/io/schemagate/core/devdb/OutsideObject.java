package io.schemagate.core.devdb;

/**
 * A server-level object (database, role, tablespace) that appeared while migrations replayed: something a migration
 * made outside its dev database.
 *
 * @param kind    {@code database}, {@code role} or {@code tablespace}
 * @param name    its name
 * @param removed whether schemagate dropped it again
 */
public record OutsideObject(String kind, String name, boolean removed) {
}
