package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A digest of every row version of the catalogs whose names the model's text borrows without holding them — types
 * (standalone composite types included; the row types of tables and their arrays are the relations' own), functions
 * (extension members included), operators, operator classes and families, text search configurations and
 * dictionaries, collations, schemas, extensions. A rename or move of any of them rewrites its row ({@code ctid}
 * changes, also twice in one transaction), while the tables whose defaults, checks or index expressions print the name
 * take no lock. While the digest stays the same, reading only the locked relations is enough.
 */
final class NameGuardReader implements CatalogReader {
    /** Objects made by initdb have smaller oids; only user objects can be renamed by a migration. */
    private static final String USER_OBJECT = "oid >= 16384";

    private static final String SQL = """
            SELECT pg_catalog.md5(pg_catalog.concat_ws('/',
                (SELECT pg_catalog.string_agg(t.oid::text || ' ' || t.xmin::text || ' ' || t.ctid::text, ',' ORDER BY t.oid)
                 FROM pg_catalog.pg_type t
                 WHERE t.%1$s
                   AND NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
                   AND NOT EXISTS (SELECT FROM pg_catalog.pg_type e JOIN pg_catalog.pg_class c ON c.oid = e.typrelid
                                   WHERE e.oid = t.typelem AND c.relkind <> 'c')),
                %2$s, %3$s, %4$s, %5$s, %6$s, %7$s, %8$s, %9$s, %10$s))""".formatted(USER_OBJECT,
            versions("pg_proc"), versions("pg_operator"), versions("pg_opclass"), versions("pg_opfamily"),
            versions("pg_ts_config"), versions("pg_ts_dict"), versions("pg_collation"), versions("pg_namespace"),
            versions("pg_extension"));

    private static String versions(String catalog) {
        return "(SELECT pg_catalog.string_agg(x.oid::text || ' ' || x.xmin::text || ' ' || x.ctid::text, ',' ORDER BY x.oid)"
                + " FROM pg_catalog." + catalog + " x WHERE x." + USER_OBJECT + ")";
    }

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
