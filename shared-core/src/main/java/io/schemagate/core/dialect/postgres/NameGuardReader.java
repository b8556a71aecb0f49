package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A digest of the names the model's text borrows from objects it does not hold — types other than enums (domains,
 * composite, range and base types; arrays follow their element) and collations — whose rename would change a column's text in tables no lock points
 * at. While it stays the same, and the objects the inspection reads in full stay the same, reading only the locked
 * relations is enough.
 */
final class NameGuardReader implements CatalogReader {
    private static final String SQL = """
            SELECT pg_catalog.md5(pg_catalog.concat(
                (SELECT pg_catalog.string_agg(t.oid::text || ' ' || t.typnamespace::text || ' ' || t.typname, ','
                                              ORDER BY t.oid)
                 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
                 WHERE t.typtype IN ('d', 'c', 'r', 'm', 'b') AND t.typrelid = 0 AND t.typcategory <> 'A' AND %s),
                '/',
                (SELECT pg_catalog.string_agg(c.oid::text || ' ' || c.collnamespace::text || ' ' || c.collname, ','
                                              ORDER BY c.oid)
                 FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
                 WHERE %s)))""".formatted(CatalogQuery.USER_SCHEMA, CatalogQuery.USER_SCHEMA);

    private String digest = "";

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet row) throws SQLException {
        digest = row.getString(1);
    }

    String digest() {
        return digest;
    }
}
