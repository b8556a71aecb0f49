package io.schemagate.core.analyzer;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.Fix;
import io.schemagate.core.lint.Rule;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.RuleSetting;
import io.schemagate.core.replay.FileRun;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an analyzer sees of one new file: its replay (statements with their changes, the schema before the file),
 * the policy's rule options, and where findings go.
 */
public final class Pass {
    private final FileRun run;
    private final Policy policy;
    private final List<Diagnostic> findings = new ArrayList<>();

    public Pass(FileRun run, Policy policy) {
        this.run = run;
        this.policy = policy;
    }

    public FileRun run() {
        return run;
    }

    public List<StatementRun> statements() {
        return run.statements();
    }

    /** Whether the table existed before this file: most risks need rows or deployed code that only old tables have. */
    public boolean preExisting(Table table) {
        Optional<Table> before = run.before().table(table.qualifiedName());
        return before.isPresent() && (table.oid() == 0 || before.get().oid() == table.oid());
    }

    public Optional<Table> tableBefore(QualifiedName name) {
        return run.before().table(name);
    }

    /** The rule's {@code allow} patterns from the policy: names of deprecated objects that may be dropped. */
    public boolean allowed(Rule rule, String name) {
        RuleSetting setting = policy.rules().get(rule.code());
        if (setting == null || !(setting.options().get("allow") instanceof List<?> patterns)) {
            return false;
        }
        return patterns.stream().anyMatch(p -> Pattern.matches(String.valueOf(p), name));
    }

    public void report(Rule rule, Statement statement, String message, Fix... fixes) {
        findings.add(new Diagnostic(rule.code(), rule.defaultSeverity(), run.script().file().displayPath(),
                statement.position(), message, List.of(fixes)));
    }

    public List<Diagnostic> findings() {
        return List.copyOf(findings);
    }
}
