package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * A digest of every row version of the catalogs whose names the model's text borrows without holding them — types
 * (standalone composite types included; the row types of tables and the arrays of any type are named after their
 * relation or element), enum labels, functions (extension members included), languages, operators, operator classes
 * and families, text search configurations and dictionaries, collations, schemas, extensions and what belongs to
 * them. A rename or move of any of them rewrites its row ({@code ctid} changes, also twice in one transaction), while
 * the tables whose defaults, checks or index expressions print the name take no lock. While the digest stays the
 * same, reading only the locked relations is enough, and schemas, enums and functions are as they were.
 *
 * <p>It runs after every statement, so no part of it may cost in proportion to the tables: types are read with a
 * plain scan of {@code pg_type} and column tests only (a table has two type rows, its row type and that type's
 * array), and standalone composite types, which only {@code pg_class} tells from a table's row type, are read by oid:
 * those a whole inspection found ({@link #whole()} finds them all) and those the transaction holds a lock on — creating
 * or renaming one locks it; a move to another schema does not, but it rewrites a row already known.
 */
final class NameGuardReader implements CatalogReader {
    /** Objects made by initdb have smaller oids; only user objects can be renamed by a migration. */
    private static final String USER_OBJECT = "oid >= 16384";

    /**
     * Types other than composites and arrays (an array cannot be altered on its own, and prints as its element's name
     * with {@code []}). The oid is compared as a number: with the index the planner would fetch every user type,
     * tables' row types included, in oid order, which costs twice the plain scan.
     */
    private static final String TYPES = """
            SELECT pg_catalog.string_agg(t.oid::text || ' ' || t.xmin::text || ' ' || t.ctid::text, ',' ORDER BY t.oid)
                 FROM pg_catalog.pg_type t
                 WHERE t.oid::pg_catalog.int8 >= 16384 AND t.typtype <> 'c'
                   AND NOT (t.typelem <> 0 AND t.typsubscript = 'pg_catalog.array_subscript_handler'::pg_catalog.regproc)""";

    /** Every standalone composite type (a whole inspection: this reads every table's row type). */
    private static final String ALL_COMPOSITES = """
            SELECT t.oid, t.xmin, t.ctid FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
            WHERE t.typtype = 'c' AND c.relkind = 'c' AND t.oid >= 16384""";

    /** The composite types known before, and those the transaction holds a lock on (one it just created). */
    /** The composite types known before, and those the transaction holds a lock on (one it just created). */
    private static final String KNOWN_OR_LOCKED_COMPOSITES = """
            SELECT t.oid, t.xmin, t.ctid FROM pg_catalog.pg_type t
            WHERE t.oid = ANY (%s) AND t.typtype = 'c'
            UNION SELECT t.oid, t.xmin, t.ctid FROM pg_catalog.pg_locks l
                  JOIN pg_catalog.pg_class c ON c.oid = l.relation
                  JOIN pg_catalog.pg_type t ON t.oid = c.reltype
            WHERE l.locktype = 'relation' AND l.pid = pg_catalog.pg_backend_pid() AND c.relkind = 'c'
              AND t.oid >= 16384""".formatted(RelationScope.OIDS);

    private static final String SQL = """
            WITH composite AS (%s)
            SELECT %s AS digest, ARRAY(SELECT oid FROM composite ORDER BY oid)::pg_catalog.int8[] AS composites""";

    private static final String PARTS = String.join(",\n    ", "(" + TYPES + ")",
            "(SELECT pg_catalog.string_agg(x.oid::text || ' ' || x.xmin::text || ' ' || x.ctid::text, ',' ORDER BY x.oid)"
                    + " FROM composite x)",
            versions("pg_enum", true), versions("pg_proc", true), versions("pg_language", false),
            versions("pg_operator", true), versions("pg_opclass", true), versions("pg_opfamily", true),
            versions("pg_ts_config", true), versions("pg_ts_dict", true), versions("pg_collation", true),
            // every schema and extension: public and plpgsql are made by initdb and can be renamed all the same
            versions("pg_namespace", false), versions("pg_extension", false),
            // membership: ALTER EXTENSION … ADD or DROP changes only these rows, and members are left out of the model
            """
            (SELECT pg_catalog.string_agg(d.classid::text || ' ' || d.objid::text || ' ' || d.ctid::text, ','
                                          ORDER BY d.ctid)
             FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass)""");

    private static final String DIGEST = CatalogQuery.digest("pg_catalog.concat_ws('/',\n    " + PARTS + ")");

    private static String versions(String catalog, boolean userOnly) {
        return "(SELECT pg_catalog.string_agg(x.oid::text || ' ' || x.xmin::text || ' ' || x.ctid::text, ',' ORDER BY x.oid)"
                + " FROM pg_catalog." + catalog + " x" + (userOnly ? " WHERE x." + USER_OBJECT : "") + ")";
    }

    private final String sql;
    private final List<String> parameters;
    private String digest = "";
    private Set<Long> composites = Set.of();

    private NameGuardReader(String sql, List<String> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /** For a whole inspection: finds every standalone composite type. */
    static NameGuardReader whole() {
        return new NameGuardReader(SQL.formatted(ALL_COMPOSITES, DIGEST), List.of());
    }

    /** After a statement: the composite types {@code known} (from {@link #composites()}) and those now locked. */
    static NameGuardReader scoped(Set<Long> known) {
        return new NameGuardReader(SQL.formatted(KNOWN_OR_LOCKED_COMPOSITES, DIGEST),
                List.of(RelationScope.literal(known)));
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public void read(ResultSet row) throws SQLException {
        digest = row.getString("digest");
        composites = Set.of((Long[]) row.getArray("composites").getArray());
    }

    String digest() {
        return digest;
    }

    /** The standalone composite types the digest covered. */
    Set<Long> composites() {
        return composites;
    }
}
