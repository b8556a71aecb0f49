package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.LockMode;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PG501 and PG511: statements that are each fine, made costly by what they are grouped with.
 *
 * <ul>
 *   <li>PG501: a {@code VALIDATE CONSTRAINT} — whose point is to check rows while writes go on — runs while the same
 *       transaction still holds a lock that blocks writes on the table, usually the one its own {@code ADD … NOT
 *       VALID} took. Read from the locks observed on the dev database.</li>
 *   <li>PG511: a second ALTER TABLE that scans or rewrites the same pre-existing table: each pays for its own pass
 *       over the rows; one ALTER TABLE with both changes pays once.</li>
 * </ul>
 */
public final class StatementGrouping implements Analyzer {
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\b.*");

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        Map<QualifiedName, Integer> firstPass = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            for (SchemaChange change : run.changes()) {
                if (change instanceof SchemaChange.ModifyConstraint m && m.validated()
                        && pass.preExisting(m.table(), i)) {
                    validatedUnderLock(pass, i, m);
                }
            }
            if (ALTER_TABLE.matcher(run.statement().text()).matches()) {
                alteredAgain(pass, i, firstPass);
            }
        }
    }

    private static void validatedUnderLock(Pass pass, int i, SchemaChange.ModifyConstraint m) {
        List<StatementLocks> timeline = pass.locks();
        int line = pass.statements().get(i).statement().position().line();
        for (int j = i - 1; j >= 0; j--) {
            for (HeldLock held : timeline.get(j).locks()) {
                LockMode mode = held.lock().mode();
                if (!held.lock().relation().equals(m.table()) || !held.heldWhile().contains(line)
                        || !mode.conflictsWith(LockMode.ROW_EXCLUSIVE)) {
                    continue;
                }
                int takenAt = timeline.get(j).line();
                boolean addedHere = pass.statements().get(j).changes().stream().anyMatch(c ->
                        c instanceof SchemaChange.AddCheck a && a.check().name().equals(m.after().name())
                                || c instanceof SchemaChange.AddForeignKey f
                                && f.foreignKey().name().equals(m.after().name()));
                pass.report(Rule.PG501, pass.statements().get(i).statement(), "VALIDATE of " + m.after().name()
                                + " checks every row of " + m.table() + " while this transaction still holds "
                                + mode.sqlName() + " on it (taken at line " + takenAt
                                + (addedHere ? " by the ADD … NOT VALID" : "") + "): writes wait for the whole scan",
                        new Fix("Validate in a later migration file (or after a COMMIT), so the scan runs under SHARE"
                                + " UPDATE EXCLUSIVE only and writes go on.", null));
                return;
            }
        }
    }

    private static void alteredAgain(Pass pass, int i, Map<QualifiedName, Integer> firstPass) {
        StatementRun run = pass.statements().get(i);
        for (QualifiedName table : passedOver(pass, i)) {
            if (!pass.preExisting(table, i)) {
                continue;
            }
            Integer first = firstPass.putIfAbsent(table, run.statement().position().line());
            if (first != null && first >= 0) {
                firstPass.put(table, -1); // reported once per table
                pass.report(Rule.PG511, run.statement(), table + " is scanned or rewritten again (first at line " + first
                                + "): each ALTER TABLE makes its own pass over the rows under its own lock",
                        new Fix("Make the changes one ALTER TABLE with several actions, which passes over the rows once.",
                                null));
            }
        }
    }

    /** The tables whose rows the statement passes over: a rewrite, a validating constraint, a new key's index. */
    private static List<QualifiedName> passedOver(Pass pass, int i) {
        return pass.statements().get(i).changes().stream().map(c -> passedOver(pass, i, c)).flatMap(Optional::stream)
                .distinct().toList();
    }

    private static Optional<QualifiedName> passedOver(Pass pass, int i, SchemaChange c) {
        if (c instanceof SchemaChange.ModifyTable t && t.rewritten()) {
            return Optional.of(t.after().qualifiedName());
        } else if (c instanceof SchemaChange.AddCheck a && a.check().validated()) {
            return Optional.of(a.table());
        } else if (c instanceof SchemaChange.AddForeignKey f && f.foreignKey().validated()) {
            return Optional.of(f.table());
        } else if (c instanceof SchemaChange.ModifyColumn m && m.setNotNull()
                && !pass.notNullProven(m.table(), m.after().name(), i)) {
            return Optional.of(m.table());
        } else if (c instanceof SchemaChange.AddPrimaryKey p
                && !pass.indexExistedBefore(p.table(), p.primaryKey().indexOid(), i)) { // USING INDEX builds nothing
            return Optional.of(p.table());
        } else if (c instanceof SchemaChange.AddUnique u
                && !pass.indexExistedBefore(u.table(), u.unique().indexOid(), i)) {
            return Optional.of(u.table());
        }
        return Optional.empty();
    }
}
