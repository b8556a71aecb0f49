package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * PG101–PG105 and PG301–PG306: statements that lock a pre-existing table against writes (or everything) for as long
 * as an index build, a scan or a rewrite takes. Rewrites are read from what the dev database did (the table's
 * relfilenode changed), not from the statement's text.
 */
public final class PostgresLocking implements Analyzer {
    private static final String TXMODE_NOTE = " The file must then run outside a transaction: put \"-- atlas:txmode none\""
            + " and a blank line at its top, and keep this statement alone in it.";

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            boolean rewritten = run.changes().stream().anyMatch(c -> c instanceof SchemaChange.ModifyTable t && t.rewritten()
                    && pass.preExisting(t.before().qualifiedName(), 0));
            for (SchemaChange change : run.changes()) {
                check(pass, i, run, change, rewritten);
            }
        }
    }

    private static void check(Pass pass, int i, StatementRun run, SchemaChange change, boolean rewritten) {
        Statement statement = run.statement();
        if (change instanceof SchemaChange.AddIndex a && pass.preExisting(a.table(), i)
                && !Pass.says(statement, "CONCURRENTLY")) {
            pass.report(Rule.PG101, statement, "index " + a.index().name() + " is built while " + a.table()
                            + " is locked against writes (SHARE lock)",
                    new Fix("Build it with CREATE INDEX CONCURRENTLY." + TXMODE_NOTE,
                            pass.insertInto(statement, "\\bINDEX\\b", " CONCURRENTLY")));
        } else if (change instanceof SchemaChange.DropIndex d && pass.preExisting(d.table(), i) && indexExisted(pass, d)
                && Pass.says(statement, "DROP INDEX") && !Pass.says(statement, "CONCURRENTLY")) {
            pass.report(Rule.PG102, statement, "dropping index " + d.index().name() + " locks " + d.table()
                            + " against reads and writes (ACCESS EXCLUSIVE)",
                    new Fix("Drop it with DROP INDEX CONCURRENTLY." + TXMODE_NOTE,
                            pass.insertInto(statement, "\\bINDEX\\b", " CONCURRENTLY")));
        } else if (change instanceof SchemaChange.AddPrimaryKey p && pass.preExisting(p.table(), i)) {
            if (!pass.indexExistedBefore(p.table(), p.primaryKey().indexOid(), i)) {
                pass.report(Rule.PG104, statement, "primary key " + p.primaryKey().name() + " builds its index while "
                                + p.table() + " is locked against reads and writes",
                        new Fix("CREATE UNIQUE INDEX CONCURRENTLY first, then ADD PRIMARY KEY USING INDEX.", null));
            }
            List<String> nullable = nullableBefore(pass, p.table(), p.primaryKey().columns(), i);
            if (!nullable.isEmpty()) {
                pass.report(Rule.PG304, statement, "primary key " + p.primaryKey().name() + " makes " + String.join(", ", nullable)
                                + " NOT NULL, scanning " + p.table() + " under an ACCESS EXCLUSIVE lock",
                        new Fix("Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE it separately, then add the key.", null));
            }
        } else if (change instanceof SchemaChange.AddUnique u && pass.preExisting(u.table(), i)
                && !pass.indexExistedBefore(u.table(), u.unique().indexOid(), i)) {
            pass.report(Rule.PG105, statement, "unique constraint " + u.unique().name() + " builds its index while "
                            + u.table() + " is locked against reads and writes",
                    new Fix("CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX.", null));
        } else if (change instanceof SchemaChange.ModifyColumn m && pass.preExisting(m.table(), i)) {
            if (m.typeChanged() && rewritten) {
                pass.report(Rule.PG301, statement, "changing " + m.table().member(m.after().name()) + " from "
                                + m.before().type() + " to " + m.after().type() + " rewrites " + m.table()
                                + " and its indexes under an ACCESS EXCLUSIVE lock",
                        new Fix("Add a new column, write both, backfill in batches, then swap.", null));
            }
            if (m.setNotNull() && !pass.notNullProven(m.table(), m.after().name(), i)
                    && !Pass.primaryKeyCovers(run, m.table(), m.after().name())) {
                pass.report(Rule.PG303, statement, "SET NOT NULL on " + m.table().member(m.after().name())
                                + " scans the whole table under an ACCESS EXCLUSIVE lock",
                        new Fix("Add CHECK (" + m.after().name() + " IS NOT NULL) NOT VALID, VALIDATE it in another"
                                + " transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check.", null));
            }
        } else if (change instanceof SchemaChange.AddColumn a && pass.preExisting(a.table(), i) && rewritten
                && a.column().generated() == Column.Generated.STORED) {
            pass.report(Rule.PG309, statement, "stored generated column " + a.table().member(a.column().name())
                            + " is computed for every row: adding it rewrites " + a.table()
                            + " under an ACCESS EXCLUSIVE lock",
                    new Fix("Add a plain column, fill it in batches and keep it current with a trigger (or compute it"
                            + " in a view).", null));
        } else if (change instanceof SchemaChange.AddColumn a && pass.preExisting(a.table(), i) && rewritten
                && (a.column().identity() != Column.Identity.NONE || serial(a.column()))) {
            pass.report(Rule.PG310, statement, (a.column().identity() != Column.Identity.NONE ? "identity" : "serial")
                            + " column " + a.table().member(a.column().name()) + " numbers every existing row: adding it"
                            + " rewrites " + a.table() + " under an ACCESS EXCLUSIVE lock",
                    new Fix("Add a nullable bigint column, number the rows in batches from a sequence, then SET DEFAULT"
                            + " nextval(…) and NOT NULL (or build a new table and copy).", null));
        } else if (change instanceof SchemaChange.AddColumn a && pass.preExisting(a.table(), i) && rewritten
                && a.column().defaultExpression() != null) {
            pass.report(Rule.PG302, statement, "the default of " + a.table().member(a.column().name())
                            + " is volatile, so adding it rewrites " + a.table() + " under an ACCESS EXCLUSIVE lock",
                    new Fix("Add the column without a default, SET DEFAULT separately, then backfill in batches.", null));
        } else if (change instanceof SchemaChange.AddCheck c && pass.preExisting(c.table(), i) && c.check().validated()) {
            pass.report(Rule.PG305, statement, "check " + c.check().name() + " scans " + c.table()
                            + " under an ACCESS EXCLUSIVE lock to validate existing rows",
                    new Fix("Add it NOT VALID, then VALIDATE CONSTRAINT in another transaction.",
                            pass.insertInto(statement, null, " NOT VALID")));
        } else if (change instanceof SchemaChange.AddForeignKey f && pass.preExisting(f.table(), i)
                && f.foreignKey().validated()) {
            pass.report(Rule.PG306, statement, "foreign key " + f.foreignKey().name() + " scans " + f.table()
                            + " while it and " + f.foreignKey().referencedTable() + " are locked against writes",
                    new Fix("Add it NOT VALID, then VALIDATE CONSTRAINT in another transaction.",
                            Pass.says(statement, "ADD\\s+COLUMN") ? null : pass.insertInto(statement, null, " NOT VALID")));
        }
    }

    private static boolean indexExisted(Pass pass, SchemaChange.DropIndex d) {
        return pass.tableBefore(d.table()).stream().flatMap(t -> t.indexes().stream())
                .anyMatch(x -> x.oid() == d.index().oid());
    }

    /** Whether the index behind a new constraint was there before the statement (ADD … USING INDEX). */
    /** A serial's column: its default draws from a sequence. */
    private static boolean serial(Column column) {
        return column.defaultExpression() != null && column.defaultExpression().startsWith("nextval(");
    }

    private static List<String> nullableBefore(Pass pass, QualifiedName table, List<String> columns,
                                               int statement) {
        Optional<Table> before = pass.tableBefore(table);
        return columns.stream().filter(name -> before.flatMap(t -> t.columns().stream()
                        .filter(c -> c.name().equals(name)).findFirst()).map(c -> !c.notNull()).orElse(false))
                .filter(name -> !pass.notNullProven(table, name, statement))
                .toList();
    }
}
