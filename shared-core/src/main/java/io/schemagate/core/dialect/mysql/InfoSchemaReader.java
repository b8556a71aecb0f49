package io.schemagate.core.dialect.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One {@code information_schema} query and what it makes of its rows; {@link InfoSchemaQuery#run} runs it. */
interface InfoSchemaReader {

    /** A single SELECT whose only parameter, used as often as the text needs, is the inspected database's name. */
    String sql();

    /** Called once per row, in the query's order. */
    void read(ResultSet row) throws SQLException;
}
