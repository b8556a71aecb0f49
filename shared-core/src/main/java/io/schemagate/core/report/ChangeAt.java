package io.schemagate.core.report;

/**
 * A schema change as reported: what kind, on which object, made by the statement on which line.
 *
 * @param kind   e.g. {@code add_column}
 * @param object qualified name, e.g. {@code public.users.email}
 * @param line   1-based line of the statement that made it
 */
public record ChangeAt(String kind, String object, int line) {
}
