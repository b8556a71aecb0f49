package io.schemagate.core.dialect.postgres;

/**
 * The session's search path as the last catalog batch on a connection found it. The next batch puts that value back
 * itself, at its end, instead of in a round trip of its own; the path changes only when a migration sets it, and then
 * one more round trip puts back the right one ({@link CatalogQuery#run}). One per user of a connection.
 */
final class SavedSearchPath {
    private String value;

    /** The value the last batch found; {@code null} before the first. */
    String value() {
        return value;
    }

    void value(String value) {
        this.value = value;
    }
}
