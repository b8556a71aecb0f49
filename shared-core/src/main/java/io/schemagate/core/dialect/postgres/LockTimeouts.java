package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PG508: the first statement of a file that takes a dangerous lock (SHARE or stronger, rules.md §3.1) on a table
 * that existed before the file, with no {@code SET [LOCAL] lock_timeout} earlier in the file. Even a brief ACCESS
 * EXCLUSIVE lock queues behind long transactions and blocks every query queued behind it. Info by default; turn it
 * off in {@code schemagate.yaml} when the migration role has a lock_timeout of its own.
 */
public final class LockTimeouts implements Analyzer {
    private static final Pattern SET_LOCK_TIMEOUT =
            Pattern.compile("(?is)^\\s*SET\\s+(?:LOCAL\\s+|SESSION\\s+)?lock_timeout\\b.*");

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            if (SET_LOCK_TIMEOUT.matcher(run.statement().text()).matches()) {
                return;
            }
            Optional<QualifiedName> locked = lockedTable(pass, run, i);
            if (locked.isPresent()) {
                String line = pass.run().script().source().line(run.statement().position().line());
                pass.report(Rule.PG508, run.statement(), "this statement locks " + locked.get()
                                + " with no lock_timeout set earlier in the file: if it waits, every query on the table waits"
                                + " behind it",
                        new Fix("Set a short lock timeout first and retry on failure.", new Fix.TextEdit(
                                run.statement().position().line(), run.statement().position().line(),
                                "SET lock_timeout = '2s';\n" + line + "\n")));
                return;
            }
        }
    }

    /** The pre-existing table a schema change of this statement locks in SHARE mode or stronger. */
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
