package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.lock.LockMode;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.sql.StatementCode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PG101–PG105, PG301–PG306, PG309, PG310 and PG502: statements that lock a pre-existing table against writes (or
 * everything) for as long as an index build, a scan or a rewrite takes.
 *
 * <p>Both halves come from what the dev database did, not from the statement's text: the lock is the one the
 * transaction held on the table right after the statement ({@link Pass#lockOn}: so a server version that locks less,
 * or a statement no table lists, is judged right), and a rewrite is a changed relfilenode. Only where the lock could
 * not be observed — a statement outside a transaction — does the mode rules.md §3.1 gives stand in.
 */
public final class PostgresLocking implements Analyzer {
    private static final String TXMODE_NOTE = " The file must then run outside a transaction: put \"-- atlas:txmode none\""
            + " and a blank line at its top, and keep this statement alone in it.";

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            checkIndexes(pass, i, run);
            checkConstraints(pass, i, run);
            checkColumns(pass, i, run);
        }
    }

    private static void checkIndexes(Pass pass, int i, StatementRun run) {
        Statement statement = run.statement();
        boolean concurrently = Pass.says(statement, "CONCURRENTLY");
        for (SchemaChange change : run.changes()) {
            if (change instanceof SchemaChange.AddIndex a && pass.preExisting(a.table(), i)) {
                if (exclusion(statement)) {
                    blocking(pass, i, a.table(), LockMode.ACCESS_EXCLUSIVE).ifPresent(mode ->
                            pass.report(Rule.PG502, statement, "exclusion constraint " + a.index().name()
                                            + " builds its index while " + a.table() + " is " + locked(mode)
                                            + "; it has no NOT VALID form and cannot be built CONCURRENTLY",
                                    new Fix("Add it while the table is small or in a maintenance window, or build a new"
                                            + " table with the constraint and move the rows over in batches.", null)));
                } else {
                    blocking(pass, i, a.table(), concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE)
                            .ifPresent(mode -> pass.report(Rule.PG101, statement, "index " + a.index().name()
                                            + " is built while " + a.table() + " is " + locked(mode),
                                    new Fix("Build it with CREATE INDEX CONCURRENTLY." + TXMODE_NOTE,
                                            pass.insertInto(statement, "\\bINDEX\\b", " CONCURRENTLY"))));
                }
            } else if (change instanceof SchemaChange.DropIndex d && pass.preExisting(d.table(), i)
                    && indexExisted(pass, d) && Pass.says(statement, "DROP INDEX")) {
                blocking(pass, i, d.table(), concurrently ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE)
                        .ifPresent(mode -> pass.report(Rule.PG102, statement, "dropping index " + d.index().name()
                                        + " keeps " + d.table() + " " + locked(mode),
                                new Fix("Drop it with DROP INDEX CONCURRENTLY." + TXMODE_NOTE,
                                        pass.insertInto(statement, "\\bINDEX\\b", " CONCURRENTLY"))));
            }
        }
    }

    private static void checkConstraints(Pass pass, int i, StatementRun run) {
        Statement statement = run.statement();
        List<SchemaChange.AddCheck> scanningChecks = run.changes().stream()
                .filter(SchemaChange.AddCheck.class::isInstance).map(SchemaChange.AddCheck.class::cast)
                .filter(c -> c.check().validated() && pass.preExisting(c.table(), i)).toList();
        if (!scanningChecks.isEmpty()) {
            // The statement's own table: a partitioned table's checks are cloned onto each partition.
            QualifiedName table = scanningChecks.get(0).table();
            List<String> names = scanningChecks.stream().filter(c -> c.table().equals(table))
                    .map(c -> c.check().name()).distinct().toList();
            blocking(pass, i, table, LockMode.ACCESS_EXCLUSIVE).ifPresent(mode ->
                    pass.report(Rule.PG305, statement, (names.size() == 1 ? "check " : "checks ")
                                    + String.join(", ", names) + " scan" + (names.size() == 1 ? "s " : " ") + table
                                    + " to validate existing rows while it is " + locked(mode),
                            new Fix("Add " + (names.size() == 1 ? "it" : "them") + " NOT VALID, then VALIDATE CONSTRAINT"
                                    + " in another transaction.", names.size() == 1
                                    ? pass.insertInto(statement, null, " NOT VALID") : null)));
        }
        for (SchemaChange change : run.changes()) {
            if (change instanceof SchemaChange.AddPrimaryKey p && pass.preExisting(p.table(), i)) {
                Optional<LockMode> lock = blocking(pass, i, p.table(), LockMode.ACCESS_EXCLUSIVE);
                if (lock.isEmpty()) {
                    continue;
                }
                if (!pass.indexExistedBefore(p.table(), p.primaryKey().indexOid(), i)) {
                    pass.report(Rule.PG104, statement, "primary key " + p.primaryKey().name() + " builds its index"
                                    + " while " + p.table() + " is " + locked(lock.get()),
                            new Fix("CREATE UNIQUE INDEX CONCURRENTLY first, then ADD PRIMARY KEY USING INDEX.", null));
                }
                List<String> nullable = nullableBefore(pass, p.table(), p.primaryKey().columns(), i);
                if (!nullable.isEmpty()) {
                    pass.report(Rule.PG304, statement, "primary key " + p.primaryKey().name() + " makes "
                                    + String.join(", ", nullable) + " NOT NULL, scanning " + p.table() + " while it is "
                                    + locked(lock.get()),
                            new Fix("Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE it separately, then add the key.",
                                    null));
                }
            } else if (change instanceof SchemaChange.AddUnique u && pass.preExisting(u.table(), i)
                    && !pass.indexExistedBefore(u.table(), u.unique().indexOid(), i)) {
                blocking(pass, i, u.table(), LockMode.ACCESS_EXCLUSIVE).ifPresent(mode ->
                        pass.report(Rule.PG105, statement, "unique constraint " + u.unique().name()
                                        + " builds its index while " + u.table() + " is " + locked(mode),
                                new Fix("CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX.",
                                        null)));
            } else if (change instanceof SchemaChange.AddForeignKey f && pass.preExisting(f.table(), i)
                    && f.foreignKey().validated()) {
                QualifiedName referenced = f.foreignKey().referencedTable();
                blocking(pass, i, f.table(), LockMode.SHARE_ROW_EXCLUSIVE).ifPresent(mode -> {
                    String other = referenced.equals(f.table()) ? ""
                            : pass.lockOn(i, referenced, LockMode.SHARE_ROW_EXCLUSIVE).filter(LockMode::dangerous)
                                    .map(m -> ", and " + referenced + " " + locked(m)).orElse("");
                    pass.report(Rule.PG306, statement, "foreign key " + f.foreignKey().name() + " scans " + f.table()
                                    + " while it is " + locked(mode) + other,
                            new Fix("Add it NOT VALID, then VALIDATE CONSTRAINT in another transaction.",
                                    Pass.says(statement, "ADD\\s+COLUMN") ? null
                                            : pass.insertInto(statement, null, " NOT VALID")));
                });
            }
        }
    }

    private static void checkColumns(Pass pass, int i, StatementRun run) {
        Statement statement = run.statement();
        for (SchemaChange change : run.changes()) {
            if (change instanceof SchemaChange.ModifyColumn m && pass.preExisting(m.table(), i)) {
                Optional<LockMode> lock = blocking(pass, i, m.table(), LockMode.ACCESS_EXCLUSIVE);
                if (lock.isEmpty()) {
                    continue;
                }
                String column = m.table().member(m.after().name());
                if (m.typeChanged()) {
                    typeChange(pass, i, run, m, lock.get());
                }
                if (m.setNotNull() && !pass.notNullProven(m.table(), m.after().name(), i)
                        && !Pass.primaryKeyCovers(run, m.table(), m.after().name())) {
                    pass.report(Rule.PG303, statement, "SET NOT NULL on " + column + " scans the whole table while it is "
                                    + locked(lock.get()),
                            new Fix("Add CHECK (" + m.after().name() + " IS NOT NULL) NOT VALID, VALIDATE it in another"
                                    + " transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the"
                                    + " check.", null));
                }
            } else if (change instanceof SchemaChange.AddColumn a && pass.preExisting(a.table(), i)
                    && rewritten(run, a.table())) {
                LockMode mode = pass.lockOn(i, a.table(), LockMode.ACCESS_EXCLUSIVE).orElse(LockMode.ACCESS_EXCLUSIVE);
                String column = a.table().member(a.column().name());
                if (a.column().generated() == Column.Generated.STORED) {
                    pass.report(Rule.PG309, statement, "stored generated column " + column + " is computed for every"
                                    + " row: adding it rewrites " + a.table() + " while it is " + locked(mode),
                            new Fix("Add a plain column, fill it in batches and keep it current with a trigger (or"
                                    + " compute it in a view).", null));
                } else if (a.column().identity() != Column.Identity.NONE || serial(a.column())) {
                    pass.report(Rule.PG310, statement, (a.column().identity() != Column.Identity.NONE ? "identity"
                                    : "serial") + " column " + column + " numbers every existing row: adding it rewrites "
                                    + a.table() + " while it is " + locked(mode),
                            new Fix("Add a nullable bigint column, number the rows in batches from a sequence, then SET"
                                    + " DEFAULT nextval(…) and NOT NULL (or build a new table and copy).", null));
                } else if (a.column().defaultExpression() != null) {
                    pass.report(Rule.PG302, statement, "the default of " + column + " is computed for every existing"
                                    + " row, so adding it rewrites " + a.table() + " while it is " + locked(mode),
                            new Fix("Add the column without a default, SET DEFAULT separately, then backfill in batches.",
                                    null));
                }
            }
        }
    }

    /**
     * PG301 when the type change rewrote the table or rebuilt one of its indexes; PG305 when it did neither but
     * re-checked the column's CHECK constraints against every row under the lock.
     */
    private static void typeChange(Pass pass, int i, StatementRun run, SchemaChange.ModifyColumn m, LockMode mode) {
        Statement statement = run.statement();
        String column = m.table().member(m.after().name());
        String change = "changing " + column + " from " + m.before().type() + " to " + m.after().type();
        List<String> rebuilt = run.changes().stream().filter(SchemaChange.ModifyIndex.class::isInstance)
                .map(SchemaChange.ModifyIndex.class::cast)
                .filter(x -> x.table().equals(m.table()) && x.rewritten()).map(x -> x.after().name()).toList();
        Fix swap = new Fix("Add a new column, write both, backfill in batches, then swap.", null);
        if (rewritten(run, m.table())) {
            pass.report(Rule.PG301, statement, change + " rewrites " + m.table() + " and its indexes while it is "
                    + locked(mode), swap);
        } else if (!rebuilt.isEmpty()) {
            pass.report(Rule.PG301, statement, change + " leaves the table's rows as they are but rebuilds index"
                    + (rebuilt.size() == 1 ? " " : "es ") + String.join(", ", rebuilt) + " while " + m.table() + " is "
                    + locked(mode), new Fix("Build a new index on an expression or a new column CONCURRENTLY instead,"
                    + " or change the type while the table is small.", null));
        } else {
            List<String> dropped = pass.statements().subList(0, i + 1).stream().flatMap(r -> r.changes().stream())
                    .filter(c -> c instanceof SchemaChange.DropCheck d && d.table().equals(m.table()))
                    .map(c -> ((SchemaChange.DropCheck) c).check().name()).toList();
            List<String> checks = pass.tableBefore(m.table()).stream().flatMap(t -> t.checks().stream())
                    .filter(c -> c.validated() && mentions(c, m.before().name()) && !dropped.contains(c.name()))
                    .map(Check::name).toList();
            if (!checks.isEmpty()) {
                pass.report(Rule.PG305, statement, change + " re-checks " + (checks.size() == 1 ? "check " : "checks ")
                                + String.join(", ", checks) + " against every row while " + m.table() + " is "
                                + locked(mode),
                        new Fix("Drop the checks, change the type, add them again NOT VALID and VALIDATE them in"
                                + " another transaction.", null));
            }
        }
    }

    /**
     * The lock the statement held on the table, when it keeps other sessions from writing: observed, or {@code
     * expected} outside a transaction.
     */
    private static Optional<LockMode> blocking(Pass pass, int i, QualifiedName table, LockMode expected) {
        return pass.lockOn(i, table, expected).filter(LockMode::dangerous);
    }

    /** {@code locked against writes (SHARE lock)}, from what the mode blocks. */
    static String locked(LockMode mode) {
        String against = switch (mode.blocks()) {
            case READS_AND_WRITES -> "locked against reads and writes";
            case WRITES -> "locked against writes";
            case SCHEMA_CHANGES, STRONGER_LOCKS -> "locked against schema changes";
        };
        return against + " (" + mode.sqlName() + " lock)";
    }

    private static final Pattern EXCLUSION = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\b.*\\bEXCLUDE\\b.*");

    private static boolean exclusion(Statement statement) {
        return EXCLUSION.matcher(StatementCode.keywords(statement.text())).matches();
    }

    private static boolean rewritten(StatementRun run, QualifiedName table) {
        return run.changes().stream().anyMatch(c -> c instanceof SchemaChange.ModifyTable t && t.rewritten()
                && t.after().qualifiedName().equals(table));
    }

    private static boolean mentions(Check check, String column) {
        return Pattern.compile("(^|[^\\w\"])\"?" + Pattern.quote(column) + "\"?($|[^\\w\"])")
                .matcher(check.expression()).find();
    }

    private static boolean indexExisted(Pass pass, SchemaChange.DropIndex d) {
        return pass.tableBefore(d.table()).stream().flatMap(t -> t.indexes().stream())
                .anyMatch(x -> x.oid() == d.index().oid());
    }

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
