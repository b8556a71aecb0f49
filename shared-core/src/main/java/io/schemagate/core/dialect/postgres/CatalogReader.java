package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** One catalog query and what it makes of its rows; {@link CatalogQuery#run} runs several in one round trip. */
interface CatalogReader {

    /**
     * A single SELECT on {@code pg_catalog}, without a trailing semicolon. The text should not vary between runs:
     * what varies goes in {@link #parameters()}, so the server can keep the plan (see {@link CatalogQuery#run}).
     */
    String sql();

    /** The values of the query's {@code ?} placeholders, in order, each bound as text (cast it in the SQL). */
    default List<String> parameters() {
        return List.of();
    }

    /** Called once per row, in the query's order. */
    void read(ResultSet row) throws SQLException;
}
