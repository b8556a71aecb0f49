package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One catalog query and what it makes of its rows; {@link CatalogQuery#run} runs several in one round trip. */
interface CatalogReader {

    /** A single SELECT on {@code pg_catalog}, without a trailing semicolon. */
    String sql();

    /** Called once per row, in the query's order. */
    void read(ResultSet row) throws SQLException;
}
