package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the user schemas. */
final class SchemaReader implements CatalogReader {

    /** One schema row: identity and name. */
    record Row(long oid, String name) {
    }

    private static final String SQL = """
            SELECT n.oid, n.nspname
            FROM pg_catalog.pg_namespace n
            WHERE %s
            ORDER BY n.nspname""".formatted(CatalogQuery.USER_SCHEMA);

    private final List<Row> rows = new ArrayList<>();

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        rows.add(new Row(rs.getLong("oid"), rs.getString("nspname")));
    }

    /** By name. */
    List<Row> schemas() {
        return rows;
    }
}
