package io.schemagate.core.schema;

/**
 * A user trigger of a table or view.
 *
 * @param function    the function it calls, {@code schema.name}
 * @param definition  the CREATE TRIGGER statement as the database formats it (it names the table and function)
 * @param enabled     false after {@code DISABLE TRIGGER}
 * @param fingerprint an opaque digest of what the trigger does (PostgreSQL: function oid, events, timing, columns,
 *                    condition, arguments) that renames do not change; null when the dialect has none (the differ
 *                    then compares {@code definition})
 */
public record Trigger(long oid, String name, String function, String definition, boolean enabled,
                      String fingerprint) {
}
