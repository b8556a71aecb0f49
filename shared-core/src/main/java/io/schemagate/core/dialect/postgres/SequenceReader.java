package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.Sequence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads sequences from {@code pg_sequence} (the catalog, not the sequences themselves: their current values are data).
 * Sequences behind identity columns (an internal dependency on the column) belong to the column and are left out.
 * A {@link RelationScope} narrows it like the relation readers: a sequence is a relation, and every change to one
 * locks it (its {@code OWNED BY} text changes with its table, which brings it into the table's scope).
 */
final class SequenceReader implements CatalogReader {

    private static final String SQL = """
            SELECT c.oid, n.oid AS schema_oid, n.nspname, c.relname,
                   pg_catalog.format_type(s.seqtypid, NULL) AS type,
                   s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   tn.nspname || '.' || tc.relname || '.' || ta.attname AS owned_by
            FROM /* relation scope from */ pg_catalog.pg_sequence s
            JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_depend d
                   ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
                  AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjsubid > 0
                  AND d.deptype IN ('a', 'i')
            LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
            LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
            LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
            WHERE (d.deptype IS NULL OR d.deptype = 'a') AND %s AND %s AND""".formatted(CatalogQuery.USER_SCHEMA,
            CatalogQuery.notFromExtension("pg_class", "c.oid")) + RelationScope.MARK + """

            ORDER BY n.nspname, c.relname""";

    private final Map<Long, List<Sequence>> bySchema = new HashMap<>();
    private final String sql;
    private final List<String> parameters;

    SequenceReader() {
        this(RelationScope.ALL);
    }

    SequenceReader(RelationScope scope) {
        this.sql = scope.apply(SQL, "c.oid");
        this.parameters = scope.parameters();
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
    public void read(ResultSet rs) throws SQLException {
        bySchema.computeIfAbsent(rs.getLong("schema_oid"), k -> new ArrayList<>()).add(new Sequence(
                rs.getLong("oid"),
                rs.getString("nspname"),
                rs.getString("relname"),
                rs.getString("type"),
                rs.getLong("seqstart"),
                rs.getLong("seqincrement"),
                rs.getLong("seqmin"),
                rs.getLong("seqmax"),
                rs.getLong("seqcache"),
                rs.getBoolean("seqcycle"),
                rs.getString("owned_by")));
    }

    /** Sequences by schema oid, by name. */
    Map<Long, List<Sequence>> sequences() {
        return bySchema;
    }
}
