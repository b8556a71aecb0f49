package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.EnumType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads enum types with their labels in sort order. */
final class EnumReader implements CatalogReader {

    private static final String SQL = """
            SELECT t.oid, n.oid AS schema_oid, n.nspname, t.typname,
                   ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid
                         ORDER BY e.enumsortorder)::text[] AS labels
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'e' AND %s AND %s
            ORDER BY n.nspname, t.typname""".formatted(CatalogQuery.USER_SCHEMA,
            CatalogQuery.notFromExtension("pg_type", "t.oid"));

    private final Map<Long, List<EnumType>> bySchema = new HashMap<>();

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public void read(ResultSet rs) throws SQLException {
        bySchema.computeIfAbsent(rs.getLong("schema_oid"), k -> new ArrayList<>()).add(new EnumType(
                rs.getLong("oid"),
                rs.getString("nspname"),
                rs.getString("typname"),
                CatalogQuery.strings(rs, "labels")));
    }

    /** Enum types by schema oid, by name. */
    Map<Long, List<EnumType>> enums() {
        return bySchema;
    }
}
