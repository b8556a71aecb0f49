package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PG508 and PG509: the first statement of a file that takes a dangerous lock (SHARE or stronger, rules.md §3.1) on a
 * relation that existed before the file, with no {@code SET [LOCAL] lock_timeout} (PG508) or {@code statement_timeout}
 * (PG509) earlier in the file. Even a brief ACCESS EXCLUSIVE lock queues behind long transactions and blocks every
 * query queued behind it; a statement without a time limit holds its lock for as long as it runs. The lock is the
 * one observed on the dev database; outside a transaction, the statement's schema changes stand in. Info by default;
 * turn them off in {@code schemagate.yaml} when the migration role has timeouts of its own.
 */
public final class LockTimeouts implements Analyzer {
    private static final Pattern LOCAL = Pattern.compile("(?i)^\\s*SET\\s+LOCAL\\b");

    /** The two timeouts, and what a missing one lets happen. */
    private enum Timeout {
        LOCK(Rule.PG508, "lock_timeout", "'2s'", "if it waits, every query on the relation waits behind it",
                "Set a short lock timeout first and retry on failure."),
        STATEMENT(Rule.PG509, "statement_timeout", "'5min'", "nothing limits how long it keeps the lock",
                "Set a statement timeout first, so a slow statement fails instead of blocking for good.");

        final Rule rule;
        final String setting;
        final String example;
        final String risk;
        final String fix;
        final Pattern set;

        Timeout(Rule rule, String setting, String example, String risk, String fix) {
            this.rule = rule;
            this.setting = setting;
            this.example = example;
            this.risk = risk;
            this.fix = fix;
            this.set = Pattern.compile("(?is)^\\s*SET\\s+(?:LOCAL\\s+|SESSION\\s+)?" + setting + "\\b.*");
        }
    }

    @Override
    public void analyze(Pass pass) {
        for (Timeout timeout : Timeout.values()) {
            check(pass, timeout);
        }
    }

    private static void check(Pass pass, Timeout timeout) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            if (timeout.set.matcher(run.statement().text()).matches()
                    && (pass.locksObserved(i) || !LOCAL.matcher(run.statement().text()).find())) {
                return; // (SET LOCAL outside a transaction sets nothing)
            }
            Optional<QualifiedName> locked = pass.locksObserved(i) ? observedLock(pass, i) : lockedTable(pass, run, i);
            if (locked.isPresent()) {
                int line = run.statement().position().line();
                String lineText = pass.run().script().source().line(line);
                // The SET goes on a line of its own above the statement: only when the statement starts its line
                // (otherwise the line holds the end of something else, a string literal perhaps).
                boolean startsLine = lineText.substring(0, Math.min(lineText.length(),
                        run.statement().position().column() - 1)).isBlank();
                pass.report(timeout.rule, run.statement(), "this statement locks " + locked.get() + " with no "
                                + timeout.setting + " set earlier in the file: " + timeout.risk,
                        new Fix(timeout.fix, startsLine ? new Fix.TextEdit(line, line, "SET " + timeout.setting + " = "
                                + timeout.example + ";\n" + lineText + "\n") : null));
                return;
            }
        }
    }

    /** The first relation of the schema before the file that the statement locked in a dangerous mode. */
    private static Optional<QualifiedName> observedLock(Pass pass, int i) {
        return pass.locks().get(i).locks().stream().filter(HeldLock::risky).map(h -> h.lock().relation()).findFirst();
    }

    /** Outside a transaction: the pre-existing table a schema change of this statement locks, by rules.md §3.1. */
    private static Optional<QualifiedName> lockedTable(Pass pass, StatementRun run, int i) {
        for (SchemaChange c : run.changes()) {
            QualifiedName table = null;
            if (c instanceof SchemaChange.AddIndex a && !Pass.says(run.statement(), "CONCURRENTLY")) {
                table = a.table();
            } else if (c instanceof SchemaChange.DropIndex d && !Pass.says(run.statement(), "CONCURRENTLY")) {
                table = d.table();
            } else if (c instanceof SchemaChange.AddColumn a) {
                table = a.table();
            } else if (c instanceof SchemaChange.DropColumn d) {
                table = d.table();
            } else if (c instanceof SchemaChange.ModifyColumn m) {
                table = m.table();
            } else if (c instanceof SchemaChange.RenameColumn r) {
                table = r.table();
            } else if (c instanceof SchemaChange.AddForeignKey f) {
                table = f.table();
            } else if (c instanceof SchemaChange.AddCheck k) {
                table = k.table();
            } else if (c instanceof SchemaChange.AddPrimaryKey p) {
                table = p.table();
            } else if (c instanceof SchemaChange.AddUnique u) {
                table = u.table();
            } else if (c instanceof SchemaChange.DropTable d) {
                table = d.table().qualifiedName();
            } else if (c instanceof SchemaChange.RenameTable r) {
                table = r.before().qualifiedName();
            } else if (c instanceof SchemaChange.ModifyTable m) {
                table = m.before().qualifiedName();
            }
            if (table != null && pass.preExisting(table, i)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
