package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The objects users made in a database: what makes a given database unusable as a dev database, and what
 * schemagate drops from it again after linting. Objects that belong to an extension count as the extension;
 * {@code plpgsql} and the {@code public} schema are there in every new database and do not count.
 */
final class UserObjects {

    /** One object, named so that {@code DROP <kind> <name>} finds it (regclass, regprocedure, … quoting). */
    record UserObject(String kind, String name) {

        private static final Map<String, String> DROP_KEYWORDS = Map.ofEntries(
                Map.entry("partitioned table", "TABLE"),
                Map.entry("materialized view", "MATERIALIZED VIEW"),
                Map.entry("foreign table", "FOREIGN TABLE"),
                Map.entry("text search configuration", "TEXT SEARCH CONFIGURATION"),
                Map.entry("text search dictionary", "TEXT SEARCH DICTIONARY"),
                Map.entry("event trigger", "EVENT TRIGGER"),
                Map.entry("composite type", "TYPE"),
                Map.entry("foreign server", "SERVER"));

        String dropStatement() {
            String keyword = DROP_KEYWORDS.getOrDefault(kind, kind.toUpperCase(Locale.ROOT));
            return "DROP " + keyword + " IF EXISTS " + name + " CASCADE";
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    /** Objects per namespaced catalog, skipping system schemas and extension members. In drop order. */
    private static final String QUERY = """
            WITH system_schema AS (
                SELECT oid FROM pg_namespace
                WHERE nspname IN ('pg_catalog', 'information_schema') OR nspname LIKE 'pg\\_toast%' OR nspname LIKE 'pg\\_temp\\_%'
            ), member AS (
                SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
            )
            SELECT 1 AS pass, 'event trigger' AS kind, quote_ident(evtname) AS name FROM pg_event_trigger e
                WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_event_trigger'::regclass AND m.objid = e.oid)
            UNION ALL
            SELECT 1, 'publication', quote_ident(pubname) FROM pg_publication
            UNION ALL
            SELECT 2, 'schema', quote_ident(nspname) FROM pg_namespace n
                WHERE nspname <> 'public' AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_namespace'::regclass AND m.objid = n.oid)
            UNION ALL
            SELECT 3, CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
                          WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'
                          ELSE 'composite type' END,
                   c.oid::regclass::text
                FROM pg_class c
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND NOT c.relispartition
                AND c.relnamespace NOT IN (SELECT oid FROM system_schema)
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)
            UNION ALL
            SELECT 4, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
                   p.oid::regprocedure::text
                FROM pg_proc p
                WHERE p.pronamespace NOT IN (SELECT oid FROM system_schema)
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid)
            UNION ALL
            SELECT 5, CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, t.oid::regtype::text
                FROM pg_type t
                WHERE t.typnamespace NOT IN (SELECT oid FROM system_schema)
                AND t.typrelid = 0
                AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
                /*multirange*/
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass AND m.objid = t.oid)
            UNION ALL
            SELECT 6, 'operator', o.oid::regoperator::text FROM pg_operator o
                WHERE o.oprnamespace NOT IN (SELECT oid FROM system_schema)
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_operator'::regclass AND m.objid = o.oid)
            UNION ALL
            SELECT 6, 'collation', quote_ident(n.nspname) || '.' || quote_ident(c.collname)
                FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
                WHERE c.collnamespace NOT IN (SELECT oid FROM system_schema)
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_collation'::regclass AND m.objid = c.oid)
            UNION ALL
            SELECT 6, 'text search configuration', c.oid::regconfig::text FROM pg_ts_config c
                WHERE c.cfgnamespace NOT IN (SELECT oid FROM system_schema)
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_ts_config'::regclass AND m.objid = c.oid)
            UNION ALL
            SELECT 6, 'text search dictionary', d.oid::regdictionary::text FROM pg_ts_dict d
                WHERE d.dictnamespace NOT IN (SELECT oid FROM system_schema)
                AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_ts_dict'::regclass AND m.objid = d.oid)
            UNION ALL
            SELECT 7, 'foreign server', quote_ident(srvname) FROM pg_foreign_server s
                WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_foreign_server'::regclass AND m.objid = s.oid)
            UNION ALL
            SELECT 8, 'extension', quote_ident(extname) FROM pg_extension WHERE extname <> 'plpgsql'
            ORDER BY 1, 3
            """;

    /** Multirange types (PostgreSQL 14+) come with each range type, like array types come with each type. */
    private static final String NOT_MULTIRANGE = "AND NOT EXISTS (SELECT 1 FROM pg_range r WHERE r.rngmultitypid = t.oid)";

    private static final int SHOWN = 5;
    private static final int DROP_PASSES = 4;

    private UserObjects() {
    }

    static List<UserObject> list(Connection connection, int serverMajor) throws SQLException {
        String sql = QUERY.replace("/*multirange*/", serverMajor >= 14 ? NOT_MULTIRANGE : "");
        List<UserObject> objects = new ArrayList<>();
        // With an empty search_path every reg* cast prints schema-qualified names: clear in messages, and
        // unambiguous in DROP statements. The session's own search_path is put back afterwards.
        String saved = setSearchPath(connection, "");
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                objects.add(new UserObject(rs.getString("kind"), rs.getString("name")));
            }
        } finally {
            setSearchPath(connection, saved);
        }
        return objects;
    }

    /** Sets the session's search_path; returns the one it had. */
    private static String setSearchPath(Connection connection, String searchPath) throws SQLException {
        String saved;
        try (Statement show = connection.createStatement();
             ResultSet rs = show.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            saved = rs.getString(1);
        }
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            set.setString(1, searchPath);
            set.execute();
        }
        return saved;
    }

    /** {@code table public.users, function public.f(integer) and 12 more}. */
    static String describe(List<UserObject> objects) {
        StringJoiner shown = new StringJoiner(", ");
        objects.stream().limit(SHOWN).forEach(o -> shown.add(o.toString()));
        return objects.size() > SHOWN ? shown + " and " + (objects.size() - SHOWN) + " more" : shown.toString();
    }

    /**
     * Drops every user object, in passes, since one drop can fail while something else still needs the object
     * (an identity sequence before its table) or succeed only after another cascade. Best effort.
     *
     * @return what is left
     */
    static List<UserObject> dropAll(Connection connection, int serverMajor) throws SQLException {
        List<UserObject> left = list(connection, serverMajor);
        for (int pass = 0; pass < DROP_PASSES && !left.isEmpty(); pass++) {
            for (UserObject object : left) {
                try {
                    PgSession.execute(connection, object.dropStatement());
                } catch (SQLException stillNeeded) {
                    // the next pass retries it once what needed it is gone
                }
            }
            left = list(connection, serverMajor);
        }
        return left;
    }
}
