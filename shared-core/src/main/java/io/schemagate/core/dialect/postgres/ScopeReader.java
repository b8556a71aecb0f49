package io.schemagate.core.dialect.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The relations whose model a statement can have changed, from the relations its transaction holds a schema-changing
 * lock on: those themselves, the tables of locked indexes, and the relations whose model names them — tables with a
 * foreign key to them, their partitions, views whose query reads them, tables whose defaults, checks, index
 * expressions or (constraint) triggers refer to them (a {@code 'orders'::regclass}), tables with a column of their row
 * type or an array of it — since a rename shows there without a lock.
 *
 * <p>What names a relation is found through {@code pg_depend}, by its index on the referenced object, so the query
 * costs the same with ten tables or ten thousand: every one of those references records a dependency on the relation
 * (a foreign key on the referenced columns, a user constraint trigger on its {@code FROM} table, a view's rule, a
 * default, check, index expression or trigger condition on what it mentions, a column on its type); those on the row
 * type also find views and expressions that only name the type. One index lookup per relation, whatever the planner
 * estimates: {@code OFFSET 0} keeps the lateral sub-select from being flattened into a join it may choose to hash
 * over all of {@code pg_depend}.
 *
 * <p>It also tells whether a function names one of those relations' row types in its arguments or result
 * ({@code f(u users)}, {@code RETURNS SETOF users}): a rename shows in the function's signature too, without a lock.
 */
final class ScopeReader implements CatalogReader {
    private static final String SQL = """
            WITH locked AS (SELECT pg_catalog.unnest(%s) AS oid),
            relation AS (
                SELECT oid FROM locked
                UNION SELECT i.indrelid FROM pg_catalog.pg_index i JOIN locked l ON i.indexrelid = l.oid),
            referenced AS (
                SELECT 'pg_catalog.pg_class'::pg_catalog.regclass AS classid, r.oid FROM relation r
                UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid FROM relation r
                      JOIN pg_catalog.pg_class c ON c.oid = r.oid
                      JOIN pg_catalog.pg_type t ON t.oid = c.reltype
                UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.typarray FROM relation r
                      JOIN pg_catalog.pg_class c ON c.oid = r.oid
                      JOIN pg_catalog.pg_type t ON t.oid = c.reltype),
            dependent AS (
                SELECT d.classid, d.objid FROM referenced f CROSS JOIN LATERAL (
                    SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
                    WHERE d.refclassid = f.classid AND d.refobjid = f.oid OFFSET 0) d)
            SELECT oid, false AS function FROM (
            SELECT oid FROM relation
            UNION SELECT h.inhrelid FROM pg_catalog.pg_inherits h JOIN relation r ON h.inhparent = r.oid
            UNION SELECT d.objid FROM dependent d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            UNION SELECT i.indrelid FROM dependent d JOIN pg_catalog.pg_index i ON i.indexrelid = d.objid
                  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            UNION SELECT w.ev_class FROM dependent d JOIN pg_catalog.pg_rewrite w ON w.oid = d.objid
                  WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
            UNION SELECT ad.adrelid FROM dependent d JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
                  WHERE d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
            UNION SELECT con.conrelid FROM dependent d JOIN pg_catalog.pg_constraint con ON con.oid = d.objid
                  WHERE d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
            UNION SELECT tg.tgrelid FROM dependent d JOIN pg_catalog.pg_trigger tg ON tg.oid = d.objid
                  WHERE d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass) scope
            UNION ALL SELECT NULL, true WHERE EXISTS (
                  SELECT FROM dependent d WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass)"""
            .formatted(RelationScope.OIDS);

    private final List<String> parameters;
    private final Set<Long> scope = new HashSet<>();
    private boolean functions;

    /** @param locked relation oids (numbers, never text from the migration) */
    ScopeReader(Set<Long> locked) {
        this.parameters = List.of(RelationScope.literal(locked));
    }

    @Override
    public String sql() {
        return SQL;
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public void read(ResultSet row) throws SQLException {
        if (row.getBoolean("function")) {
            functions = true;
        } else {
            scope.add(row.getLong("oid"));
        }
    }

    Set<Long> scope() {
        return scope;
    }

    /** Whether a function's signature names the row type of a relation in the scope. */
    boolean functions() {
        return functions;
    }
}
