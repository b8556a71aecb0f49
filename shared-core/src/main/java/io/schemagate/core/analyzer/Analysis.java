package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.replay.FileRun;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.report.Suppressed;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the dialect-neutral analyzers and the dialect's own over a replayed new file, and drops what its
 * {@code atlas:nolint} directives suppress.
 */
public final class Analysis {
    private static final List<Analyzer> DIALECT_NEUTRAL =
            List.of(new DestructiveChanges(), new IncompatibleChanges(), new ConstraintDrops(), new DataDependentChanges(),
                    new TransactionBlocks());

    private Analysis() {
    }

    /**
     * @param findings   what to report
     * @param suppressed what {@code atlas:nolint} suppressed, with the reasons given
     */
    public record Outcome(List<Diagnostic> findings, List<Suppressed> suppressed) {
        public Outcome {
            findings = List.copyOf(findings);
            suppressed = List.copyOf(suppressed);
        }
    }

    /** @param dialectAnalyzers the dialect's own analyzers; they run after the dialect-neutral ones */
    public static Outcome of(FileRun run, Policy policy, Dialect dialect, List<Analyzer> dialectAnalyzers) {
        List<Analyzer> analyzers = new ArrayList<>(DIALECT_NEUTRAL);
        analyzers.addAll(dialectAnalyzers);
        List<Diagnostic> findings = new ArrayList<>();
        for (Analyzer analyzer : analyzers) {
            Pass pass = new Pass(run, policy, dialect);
            analyzer.analyze(pass);
            findings.addAll(pass.findings());
        }
        List<Statement> ran = run.statements().stream().map(StatementRun::statement).toList();
        Outcome kept = Suppressions.apply(run.script(), ran, findings, policy);
        List<Diagnostic> suppressed = kept.suppressed().stream().map(Suppressed::diagnostic).toList();
        return new Outcome(OverlappingFindings.merge(kept.findings(), suppressed, policy), kept.suppressed());
    }
}
