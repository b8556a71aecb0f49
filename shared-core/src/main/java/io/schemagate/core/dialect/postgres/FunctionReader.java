package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Function;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads functions, procedures and aggregates by name and signature. Bodies are not kept, only a fingerprint that
 * tells a CREATE OR REPLACE apart: the body (prosrc, or the parsed SQL-standard body), argument and result types,
 * defaults, volatility and options.
 */
final class FunctionReader implements CatalogReader {

    private static final String SQL = """
            SELECT p.oid, n.oid AS schema_oid, n.nspname, p.proname,
                   pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
                   CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS result,
                   p.prokind, l.lanname, p.provolatile,
                   %s AS fingerprint
            FROM pg_catalog.pg_proc p
            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_catalog.pg_language l ON l.oid = p.prolang
            WHERE %s AND %s
            ORDER BY n.nspname, p.proname, arguments""".formatted(CatalogQuery.digest("""
                pg_catalog.concat_ws(E'\\x1f', p.prosrc, p.probin, %s, p.prorettype::text,
                    p.proretset::text, p.proallargtypes::text, p.proargmodes::text, %s,
                    p.provolatile::text, p.proisstrict::text, p.prosecdef::text, p.proleakproof::text,
                    p.proparallel::text, p.proconfig::text, p.procost::text, p.prorows::text)""".formatted(
                    CatalogQuery.nodeTree("p.prosqlbody"), CatalogQuery.nodeTree("p.proargdefaults"))),
            CatalogQuery.USER_SCHEMA,
            CatalogQuery.notFromExtension("pg_proc", "p.oid"));

    private final Map<Long, List<Function>> bySchema = new HashMap<>();

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        bySchema.computeIfAbsent(rs.getLong("schema_oid"), k -> new ArrayList<>()).add(new Function(
                rs.getLong("oid"),
                rs.getString("nspname"),
                rs.getString("proname"),
                rs.getString("arguments"),
                rs.getString("result"),
                switch (rs.getString("prokind")) {
                    case "p" -> Function.Kind.PROCEDURE;
                    case "a" -> Function.Kind.AGGREGATE;
                    case "w" -> Function.Kind.WINDOW;
                    default -> Function.Kind.FUNCTION;
                },
                rs.getString("lanname"),
                switch (rs.getString("provolatile")) {
                    case "i" -> Function.Volatility.IMMUTABLE;
                    case "s" -> Function.Volatility.STABLE;
                    default -> Function.Volatility.VOLATILE;
                },
                rs.getString("fingerprint")));
    }

    /** Functions by schema oid, by name then arguments. */
    Map<Long, List<Function>> functions() {
        return bySchema;
    }
}
