package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.RuleSetting;
import io.schemagate.core.lock.LockMode;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.replay.Observation;
import io.schemagate.core.replay.FileRun;
import io.schemagate.core.replay.LockTimeline;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.sql.StatementCode;
import io.schemagate.core.text.SourceText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an analyzer sees of one new file: its replay (statements with their changes, the schema before the file),
 * the policy's rule options, and where findings go.
 */
public final class Pass {
    private final FileRun run;
    private final Policy policy;
    private final Dialect dialect;
    private final List<Diagnostic> findings = new ArrayList<>();
    private List<StatementLocks> locks;

    public Pass(FileRun run, Policy policy, Dialect dialect) {
        this.run = run;
        this.policy = policy;
        this.dialect = dialect;
    }

    /** The database the file was replayed on, for rules whose trigger differs by dialect (MF103 on MySQL). */
    public Dialect dialect() {
        return dialect;
    }

    public FileRun run() {
        return run;
    }

    /** The locks each statement took and how long they stay held, worked out once for all the analyzers. */
    public List<StatementLocks> locks() {
        if (locks == null) {
            locks = LockTimeline.of(run);
        }
        return locks;
    }

    /**
     * The strongest lock the transaction held on {@code relation} while statement {@code statement} ran, as the dev
     * database showed it right after the statement: whatever the server version does, and whatever an earlier
     * statement of the transaction already took. Where nothing could be observed (the statement ran outside a
     * transaction) it is {@code expected}, what rules.md §3.1 says the statement takes. Empty when the observation
     * shows no lock on the relation.
     */
    public Optional<LockMode> lockOn(int statement, QualifiedName relation, LockMode expected) {
        List<Observation.Locks> observed = statements().get(statement).observed(Observation.Locks.class);
        if (observed.isEmpty()) {
            return Optional.ofNullable(expected);
        }
        return observed.stream().flatMap(o -> o.held().stream()).filter(l -> l.relation().equals(relation))
                .map(RelationLock::mode).max(Comparator.naturalOrder());
    }

    /** Whether the statement's locks were read on the dev database (only inside a transaction). */
    public boolean locksObserved(int statement) {
        return !statements().get(statement).observed(Observation.Locks.class).isEmpty();
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

    /**
     * Whether the table named {@code name} existed before the file and was not (re)created by a statement before
     * {@code statement}: only such tables can hold rows and be in use.
     */
    public boolean preExisting(QualifiedName name, int statement) {
        if (tableBefore(name).isEmpty()) {
            return false;
        }
        return statements().subList(0, statement).stream().flatMap(r -> r.changes().stream())
                .noneMatch(c -> c instanceof SchemaChange.AddTable a && a.table().qualifiedName().equals(name));
    }

    /**
     * Whether the index {@code indexOid} of {@code table} existed before statement {@code statement}: before the file,
     * or created by an earlier statement of it. A constraint added {@code USING INDEX} takes over such an index.
     */
    public boolean indexExistedBefore(QualifiedName table, long indexOid, int statement) {
        return indexOid != 0 && (tableBefore(table).stream().flatMap(t -> t.indexes().stream())
                .anyMatch(x -> x.oid() == indexOid)
                || statements().subList(0, statement).stream().flatMap(r -> r.changes().stream())
                        .anyMatch(c -> c instanceof SchemaChange.AddIndex a && a.index().oid() == indexOid));
    }

    /**
     * Whether the table dropped by statement {@code statement} is being rebuilt rather than thrown away: an earlier
     * statement copied its rows ({@code INSERT INTO … SELECT … FROM <table>}) and a later one gives a table its name
     * again (SQLite's 12-step ALTER: create {@code new_<t>}, copy, drop {@code <t>}, rename {@code new_<t>}).
     */
    public boolean rebuilt(QualifiedName table, int statement) {
        Pattern copy = Pattern.compile("(?is)^\\s*INSERT\\s+INTO\\b.*\\bSELECT\\b.*\\bFROM\\s+[\"`\\[]?"
                + Pattern.quote(table.name()) + "[\"`\\]]?(\\s|;|$).*");
        List<StatementRun> runs = statements();
        boolean copied = runs.subList(0, statement).stream().anyMatch(r -> copy.matcher(r.statement().text()).matches());
        boolean named = runs.subList(statement + 1, runs.size()).stream().flatMap(r -> r.changes().stream())
                .anyMatch(c -> c instanceof SchemaChange.AddTable a && a.table().qualifiedName().equals(table)
                        || c instanceof SchemaChange.RenameTable r && r.after().qualifiedName().equals(table));
        return copied && named;
    }

    /**
     * An edit of the statement's lines: {@code insertion} put right after the first match of {@code anchor} (a
     * case-insensitive regex) in the statement, or, with a {@code null} anchor, at the statement's end.
     */
    public Fix.TextEdit insertInto(Statement statement, String anchor, String insertion) {
        SourceText source = run.script().source();
        int first = statement.position().line();
        int last = statement.endLine();
        int start = source.lineStart(first);
        String lines = source.substring(start, source.lineEnd(last));
        int at;
        if (anchor == null) {
            at = statement.end() - start;
        } else {
            Matcher m = Pattern.compile(anchor, Pattern.CASE_INSENSITIVE).matcher(statement.text());
            if (!m.find()) {
                return null;
            }
            at = statement.start() - start + m.end();
        }
        return new Fix.TextEdit(first, last, lines.substring(0, at) + insertion + lines.substring(at) + "\n");
    }

    /**
     * Whether a validated {@code CHECK (column IS NOT NULL)} guarantees the column has no NULLs before
     * {@code statement}: from before the file, or added or validated earlier in it.
     */
    public boolean notNullProven(QualifiedName table, String column, int statement) {
        Pattern proof = Pattern.compile("^\\(*\\s*\"?" + Pattern.quote(column) + "\"?\\s+IS\\s+NOT\\s+NULL\\s*\\)*$",
                Pattern.CASE_INSENSITIVE);
        boolean before = tableBefore(table).stream().flatMap(t -> t.checks().stream())
                .anyMatch(c -> c.validated() && proof.matcher(c.expression()).matches());
        boolean earlier = statements().subList(0, statement).stream().flatMap(r -> r.changes().stream()).anyMatch(c ->
                c instanceof SchemaChange.AddCheck a && a.table().equals(table) && a.check().validated()
                        && proof.matcher(a.check().expression()).matches()
                        || c instanceof SchemaChange.ModifyConstraint m && m.table().equals(table)
                        && m.after() instanceof Check k && k.validated() && proof.matcher(k.expression()).matches());
        return before || earlier;
    }

    /** Whether the statement adds a primary key over the column (its NOT NULL is then the key's: PG304). */
    public static boolean primaryKeyCovers(StatementRun run, QualifiedName table, String column) {
        return run.changes().stream().anyMatch(c -> c instanceof SchemaChange.AddPrimaryKey p && p.table().equals(table)
                && p.primaryKey().columns().contains(column));
    }

    /**
     * Whether the statement says {@code keyword} as a word (e.g. CONCURRENTLY, NOT VALID) in its code: not in a
     * comment, a string or a quoted name.
     */
    public static boolean says(Statement statement, String keywords) {
        return Pattern.compile("\\b" + keywords.replace(" ", "\\s+") + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(StatementCode.keywords(statement.text())).find();
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
