package io.schemagate.core.dialect.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs catalog queries and hands their rows to their readers, plus the SQL pieces every catalog query shares.
 *
 * <p>Every query reads {@code pg_catalog} only (relations are schema-qualified so a user object named like a catalog
 * cannot stand in for it) and no query changes session state, because inspection runs inside the replay's open
 * transaction.
 */
final class CatalogQuery {

    /**
     * Schemas users own: not the system ones, not TOAST or temporary schemas. {@code n} is the
     * {@code pg_namespace} row.
     */
    static final String USER_SCHEMA = """
            n.nspname NOT IN ('pg_catalog', 'information_schema')
            AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
            AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e
                            WHERE e.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                              AND e.objid = n.oid AND e.deptype = 'e')""";

    /** Excludes objects an extension created (they are the extension's, not the migration's). */
    static String notFromExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
    }

    /**
     * SQL for a hex digest of a text expression, used as a fingerprint. SHA-256 rather than md5: md5() fails on servers
     * in FIPS mode.
     */
    static String digest(String textExpression) {
        return "pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(" + textExpression + ", 'UTF8')), 'hex')";
    }

    /**
     * SQL for a stored expression or query tree ({@code pg_node_tree}) as text without source positions: the tree refers
     * to objects by oid and attnum, so renames leave it alone, but it records where in the statement's text each piece
     * stood, which differs between {@code CREATE} and {@code CREATE OR REPLACE} of the same definition.
     */
    static String nodeTree(String column) {
        return "pg_catalog.regexp_replace(" + column
                + "::text, ':(location|stmt_location|stmt_len) -?[0-9]+', '', 'g')";
    }

    private CatalogQuery() {
    }

    /**
     * The search path the server formats types and expressions under during inspection. The session's own path would
     * make the same column read {@code mood} before a {@code SET search_path} and {@code public.mood} after it (pg_dump
     * files start with {@code set_config('search_path', '', false)}), and the differ would see a change that is not
     * there. {@code public} is what a default session sees, so names read as users expect.
     */
    static final String SEARCH_PATH = "public";

    private static final String SAVE_SEARCH_PATH = "SELECT pg_catalog.current_setting('search_path')";
    private static final String PIN_SEARCH_PATH =
            "SELECT pg_catalog.set_config('search_path', '" + SEARCH_PATH + "', true)";
    private static final String RESTORE_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', ?, true)";

    /** As {@link #run(Connection, List, SavedSearchPath)}, the search path put back in a round trip of its own. */
    static void run(Connection connection, List<CatalogReader> readers) throws SQLException {
        run(connection, readers, new SavedSearchPath());
    }

    /**
     * Runs the readers' queries as one multi-statement text, so the driver sends them in one round trip, and hands
     * each result to its reader in order (a reader may rely on the ones before it having read everything).
     *
     * <p>The batch first saves the session's search path and pins it, transaction-locally, to {@link #SEARCH_PATH}.
     * In autocommit mode the batch is one implicit transaction, so the pin ends with it; inside the replay's transaction
     * the saved value is put back (again transaction-locally, so a later COMMIT or ROLLBACK ends up where it would
     * have without inspection): by the batch's last statement, with the value {@code saved} holds from the last batch,
     * and when the path turns out to have changed since, once more with the value this batch found.
     *
     * <p>A prepared statement, with whatever varies (the oids of a scope) as parameters: planning these catalog joins
     * costs more than running them, and the driver (pgjdbc's default {@code prepareThreshold}) keeps the plans on the
     * server once the same text has run a few times on the connection, which inspection after every statement does.
     */
    static void run(Connection connection, List<CatalogReader> readers, SavedSearchPath saved) throws SQLException {
        String expected = connection.getAutoCommit() ? null : saved.value();
        String sql = SAVE_SEARCH_PATH + ";\n" + PIN_SEARCH_PATH + ";\n"
                + readers.stream().map(CatalogReader::sql).collect(Collectors.joining(";\n"))
                + (expected == null ? "" : ";\n" + RESTORE_SEARCH_PATH);
        String found;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (CatalogReader reader : readers) {
                for (String value : reader.parameters()) {
                    statement.setString(index++, value);
                }
            }
            if (expected != null) {
                statement.setString(index, expected);
            }
            statement.execute();
            try (ResultSet rs = statement.getResultSet()) {
                rs.next();
                found = rs.getString(1);
            }
            statement.getMoreResults(); // the pin's result
            try {
                read(statement, readers);
            } finally {
                if (!found.equals(expected)) {
                    restore(connection, found);
                }
            }
        }
        saved.value(found);
    }

    private static void read(PreparedStatement statement, List<CatalogReader> readers) throws SQLException {
        for (CatalogReader reader : readers) {
            if (!statement.getMoreResults()) {
                throw new SQLException("a catalog query returned no result set: " + reader.getClass().getSimpleName());
            }
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private static void restore(Connection connection, String searchPath) throws SQLException {
        if (connection.getAutoCommit()) {
            return; // the pin ended with the batch's implicit transaction
        }
        try (PreparedStatement statement = connection.prepareStatement(RESTORE_SEARCH_PATH)) {
            statement.setString(1, searchPath);
            statement.execute();
        }
    }

    /** A {@code "char"} column such as {@code attidentity}; empty when unset. */
    static String flag(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    /** A {@code text[]} column; elements may be null. */
    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return Collections.unmodifiableList(new ArrayList<>(Arrays.asList((String[]) array.getArray())));
        } finally {
            array.free();
        }
    }

    /** An {@code int4[]} column without nulls. */
    static int[] ints(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return new int[0];
        }
        try {
            Integer[] values = (Integer[]) array.getArray();
            int[] out = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i];
            }
            return out;
        } finally {
            array.free();
        }
    }
}
