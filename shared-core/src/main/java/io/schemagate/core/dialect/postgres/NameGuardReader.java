package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
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
 * those a whole inspection found ({@link #whole} finds them all) and those the transaction holds a lock on — creating
 * or renaming one locks it; a move to another schema does not, but it rewrites a row already known.
 *
 * <p>Even the scan of {@code pg_type} grows with the tables (3 ms at 10,000), and most statements change none of
 * these catalogs: the server counts the rows the transaction inserted, updated and deleted in each
 * ({@code pg_stat_get_xact_tuples_*}), and while that count and the transaction are the ones the last digest saw, the
 * catalogs' part of the digest is the last one, not read again. Only where the count can be trusted: statistics are
 * counted ({@code track_counts}) and the session may not turn that off (it is a superuser's setting: a migration
 * replayed as a superuser is digested in full every time).
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
                   AND NOT (t.typelem <> 0 AND %s)""";

    /** An array type: by its subscript handler from 14 on (typsubscript is new there), before by its varlena length. */
    private static String isArray(int serverMajor) {
        return serverMajor >= 14 ? "t.typsubscript = 'pg_catalog.array_subscript_handler'::pg_catalog.regproc"
                : "t.typlen = -1";
    }

    /** Every standalone composite type (a whole inspection: this reads every table's row type). */
    private static final String ALL_COMPOSITES = """
            SELECT t.oid, t.xmin, t.ctid FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
            WHERE t.typtype = 'c' AND c.relkind = 'c' AND t.oid >= 16384""";

    /** The composite types known before, and those the transaction holds a lock on (one it just created). */
    private static final String KNOWN_OR_LOCKED_COMPOSITES = """
            SELECT t.oid, t.xmin, t.ctid FROM pg_catalog.pg_type t
            WHERE t.oid = ANY (%s) AND t.typtype = 'c'
            UNION SELECT t.oid, t.xmin, t.ctid FROM pg_catalog.pg_locks l
                  JOIN pg_catalog.pg_class c ON c.oid = l.relation
                  JOIN pg_catalog.pg_type t ON t.oid = c.reltype
            WHERE l.locktype = 'relation' AND l.pid = pg_catalog.pg_backend_pid() AND c.relkind = 'c'
              AND t.oid >= 16384""".formatted(RelationScope.OIDS);

    /** Where the counts of changed rows come from: the catalogs the digest reads in full. */
    private static final String COUNTED_CATALOGS = "'{pg_catalog.pg_type, pg_catalog.pg_enum, pg_catalog.pg_proc,"
            + " pg_catalog.pg_language, pg_catalog.pg_operator, pg_catalog.pg_opclass, pg_catalog.pg_opfamily,"
            + " pg_catalog.pg_ts_config, pg_catalog.pg_ts_dict, pg_catalog.pg_collation, pg_catalog.pg_namespace,"
            + " pg_catalog.pg_extension}'::pg_catalog.regclass[]";

    private static String catalogs(int serverMajor) {
        return CatalogQuery.digest("pg_catalog.concat_ws('/',\n    " + String.join(",\n    ",
            "(" + TYPES.formatted(isArray(serverMajor)) + ")", versions("pg_enum", true), versions("pg_proc", true),
            versions("pg_language", false),
            versions("pg_operator", true), versions("pg_opclass", true), versions("pg_opfamily", true),
            versions("pg_ts_config", true), versions("pg_ts_dict", true), versions("pg_collation", true),
            // every schema and extension: public and plpgsql are made by initdb and can be renamed all the same
            versions("pg_namespace", false), versions("pg_extension", false)) + ")");
    }

    // The catalogs' part is a sub-select the CASE reaches only when the count differs: the server runs it then only.
    private static final String SQL = """
            WITH composite AS (%1$s),
            counted AS (
                SELECT %6$s AS xid,
                       (SELECT pg_catalog.sum(pg_catalog.pg_stat_get_xact_tuples_inserted(c.oid)
                                              + pg_catalog.pg_stat_get_xact_tuples_updated(c.oid)
                                              + pg_catalog.pg_stat_get_xact_tuples_deleted(c.oid))
                        FROM pg_catalog.unnest(%2$s) AS c(oid))::pg_catalog.int8 AS changes,
                       pg_catalog.current_setting('track_counts')::pg_catalog.bool AND NOT %3$s AS trusted),
            catalogs AS (
                SELECT CASE WHEN n.trusted AND n.xid = ? AND n.changes = ?::pg_catalog.int8 THEN ?
                            ELSE %4$s END AS digest
                FROM counted n)
            SELECT %5$s AS digest, ARRAY(SELECT oid FROM composite ORDER BY oid)::pg_catalog.int8[] AS composites,
                   k.digest AS catalogs, n.xid, n.changes, n.trusted
            FROM catalogs k, counted n""";

    private static final String DIGEST = CatalogQuery.digest("pg_catalog.concat_ws('/', k.digest,\n    "
            + "(SELECT pg_catalog.string_agg(x.oid::text || ' ' || x.xmin::text || ' ' || x.ctid::text, ',' ORDER BY x.oid)"
            + " FROM composite x),\n    "
            // membership: ALTER EXTENSION … ADD or DROP changes only these rows, and members are left out of the model
            + """
            (SELECT pg_catalog.string_agg(d.classid::text || ' ' || d.objid::text || ' ' || d.ctid::text, ','
                                          ORDER BY d.ctid)
             FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass))""");

    /** Whether the session may set {@code track_counts}: a superuser, or (from 15 on) one granted it. */
    private static String maySetTrackCounts(int serverMajor) {
        return serverMajor >= 15 ? "pg_catalog.has_parameter_privilege('track_counts', 'SET')"
                : "(SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER)";
    }

    /**
     * What one digest saw of the catalogs it reads in full: their part of the digest, and the transaction and count of
     * changed rows it stands for ({@code trusted} false when the count cannot be relied on).
     */
    record Catalogs(String digest, String xid, long changes, boolean trusted) {
    }

    private static String versions(String catalog, boolean userOnly) {
        return "(SELECT pg_catalog.string_agg(x.oid::text || ' ' || x.xmin::text || ' ' || x.ctid::text, ',' ORDER BY x.oid)"
                + " FROM pg_catalog." + catalog + " x" + (userOnly ? " WHERE x." + USER_OBJECT : "") + ")";
    }

    private final String sql;
    private final List<String> parameters;
    private String digest = "";
    private Set<Long> composites = Set.of();
    private Catalogs catalogs;

    private NameGuardReader(String composite, int serverMajor, List<String> compositeParameters, Catalogs last) {
        this.sql = SQL.formatted(composite, COUNTED_CATALOGS, maySetTrackCounts(serverMajor), catalogs(serverMajor), DIGEST,
                // pg_current_xact_id_if_assigned is 13's; the txid_ functions it replaced still exist
                serverMajor >= 13 ? "pg_catalog.pg_current_xact_id_if_assigned()::text"
                        : "pg_catalog.txid_current_if_assigned()::text");
        List<String> all = new ArrayList<>(compositeParameters);
        boolean reusable = last != null && last.trusted() && last.xid() != null;
        all.add(reusable ? last.xid() : null);
        all.add(reusable ? String.valueOf(last.changes()) : null);
        all.add(reusable ? last.digest() : null);
        this.parameters = Collections.unmodifiableList(all);
    }

    /** For a whole inspection: finds every standalone composite type, and reads every catalog. */
    static NameGuardReader whole(int serverMajor) {
        return new NameGuardReader(ALL_COMPOSITES, serverMajor, List.of(), null);
    }

    /**
     * After a statement: the composite types {@code known} (from {@link #composites()}) and those now locked; the
     * catalogs read again unless {@code last} (from {@link #catalogs()}) still stands.
     */
    static NameGuardReader scoped(int serverMajor, Set<Long> known, Catalogs last) {
        return new NameGuardReader(KNOWN_OR_LOCKED_COMPOSITES, serverMajor, List.of(RelationScope.literal(known)),
                last);
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
        catalogs = new Catalogs(row.getString("catalogs"), row.getString("xid"), row.getLong("changes"),
                row.getBoolean("trusted"));
    }

    String digest() {
        return digest;
    }

    /** What the digest saw of the catalogs it reads in full, for the next one. */
    Catalogs catalogs() {
        return catalogs;
    }

    /** The standalone composite types the digest covered. */
    Set<Long> composites() {
        return composites;
    }
}
