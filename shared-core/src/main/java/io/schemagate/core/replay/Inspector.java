package io.schemagate.core.replay;

import io.schemagate.core.schema.Catalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the dev database's schema from its catalogs (never table rows). One per dialect. */
@FunctionalInterface
public interface Inspector {
    Catalog inspect(Connection connection) throws SQLException;

    /**
     * The schema right after a statement of a new file ran, given the schema just before it and what the dialect's
     * probe saw the statement do. An inspector that can tell which objects the statement may have changed reads only
     * those; the default reads everything.
     */
    default Catalog after(Connection connection, Catalog before, List<Observation> observed) throws SQLException {
        return inspect(connection);
    }

    /**
     * The schema at the start of a new file, given {@code last}, what {@link #after} gave for the last statement of
     * the file before it, which has ended since: its transaction committed, and a commit can run code of the
     * migration's own (deferred triggers) that no statement's inspection saw. An inspector that can tell nothing ran
     * there keeps {@code last}; the default reads everything.
     */
    default Catalog nextFile(Connection connection, Catalog last) throws SQLException {
        return inspect(connection);
    }
}
