package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relations whose model a statement can have changed, from the relations its transaction holds a schema-changing
 * lock on: those themselves, the tables of locked indexes, and the relations whose model names them — tables with a
 * foreign key to them, their partitions, views whose query reads them, tables whose defaults, checks, index
 * expressions or (constraint) triggers refer to them (a {@code 'orders'::regclass}), tables with a column of their row
 * type or an array of it — since a rename shows there without a lock.
 */
final class ScopeReader implements CatalogReader {
    private static final String SQL = """
            WITH locked AS (SELECT pg_catalog.unnest('{%s}'::pg_catalog.oid[]) AS oid),
            relation AS (
                SELECT oid FROM locked
                UNION SELECT i.indrelid FROM pg_catalog.pg_index i JOIN locked l ON i.indexrelid = l.oid)
            SELECT oid FROM relation
            UNION SELECT con.conrelid FROM pg_catalog.pg_constraint con JOIN relation r ON con.confrelid = r.oid
            UNION SELECT h.inhrelid FROM pg_catalog.pg_inherits h JOIN relation r ON h.inhparent = r.oid
            UNION SELECT w.ev_class FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_rewrite w ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = w.oid
                  JOIN relation r ON d.refobjid = r.oid
            UNION SELECT ad.adrelid FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_attrdef ad ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND d.objid = ad.oid
                  JOIN relation r ON d.refobjid = r.oid
            UNION SELECT con.conrelid FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_constraint con
                       ON d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objid = con.oid
                  JOIN relation r ON d.refobjid = r.oid
            UNION SELECT i.indrelid FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_index i ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = i.indexrelid
                  JOIN relation r ON d.refobjid = r.oid
            UNION SELECT tg.tgrelid FROM pg_catalog.pg_trigger tg JOIN relation r ON r.oid = tg.tgconstrrelid
            UNION SELECT tg.tgrelid FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_trigger tg ON d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objid = tg.oid
                  JOIN relation r ON d.refobjid = r.oid
            UNION SELECT a.attrelid FROM pg_catalog.pg_attribute a
                  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                  LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem
                  JOIN relation r ON r.oid IN (t.typrelid, e.typrelid)""";

    private final String sql;
    private final Set<Long> scope = new HashSet<>();

    /** @param locked relation oids (numbers, never text from the migration) */
    ScopeReader(Set<Long> locked) {
        this.sql = SQL.formatted(locked.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public void read(ResultSet row) throws SQLException {
        scope.add(row.getLong(1));
    }

    Set<Long> scope() {
        return scope;
    }
}
