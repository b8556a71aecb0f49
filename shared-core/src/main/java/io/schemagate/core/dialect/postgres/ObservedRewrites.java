package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.lock.LockMode;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PG515: the dev database wrote a pre-existing table or index anew (its relfilenode changed) — every row copied under
 * an ACCESS EXCLUSIVE lock. The rules that know why (a type change, a volatile default, VACUUM FULL, …) say so in
 * their own words, and this finding is then dropped ({@code OverlappingFindings}); what is left is a rewrite no rule
 * foresaw, e.g. SET LOGGED, SET ACCESS METHOD, or a server version that rewrites where others do not.
 */
public final class ObservedRewrites implements Analyzer {
    private static final Pattern TRUNCATE = Pattern.compile("(?is)^\\s*TRUNCATE\\b.*");

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            if (TRUNCATE.matcher(runs.get(i).statement().text()).matches()) {
                continue; // new, empty storage: nothing is copied (DS501 reports what is lost)
            }
            List<QualifiedName> tables = new ArrayList<>();
            List<String> rewritten = new ArrayList<>();
            for (SchemaChange change : runs.get(i).changes()) {
                if (change instanceof SchemaChange.ModifyTable t && t.rewritten() && pass.preExisting(t.before())) {
                    tables.add(t.after().qualifiedName());
                    rewritten.add("table " + t.after().qualifiedName());
                }
            }
            List<QualifiedName> rewrittenTables = List.copyOf(tables);
            for (SchemaChange change : runs.get(i).changes()) {
                if (change instanceof SchemaChange.ModifyIndex x && x.rewritten() && !rewrittenTables.contains(x.table())
                        && pass.indexExistedBefore(x.table(), x.before().oid(), 0)) {
                    if (!tables.contains(x.table())) {
                        tables.add(x.table());
                    }
                    rewritten.add("index " + x.object());
                }
            }
            if (rewritten.isEmpty()) {
                continue;
            }
            int statement = i;
            LockMode mode = tables.stream().map(t -> pass.lockOn(statement, t, LockMode.ACCESS_EXCLUSIVE))
                    .flatMap(Optional::stream).max(LockMode::compareTo).orElse(LockMode.ACCESS_EXCLUSIVE);
            pass.report(Rule.PG515, runs.get(i).statement(), "the dev database wrote " + String.join(", ", rewritten)
                            + " anew: every row is copied while " + tables.get(0) + " is "
                            + PostgresLocking.locked(mode),
                    new Fix("Run it while the table is small or in a maintenance window, or use expand and contract (a"
                            + " new table or column filled in batches).", null));
        }
    }
}
