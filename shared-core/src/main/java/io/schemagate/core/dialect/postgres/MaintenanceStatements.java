package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.sql.StatementCode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PG503, PG504, PG506, PG507, PG512, PG516, PG517: statements that change no schema, or little, and lock a table for
 * as long as they work: REINDEX, DETACH PARTITION, VACUUM FULL and CLUSTER, REFRESH MATERIALIZED VIEW, LOCK TABLE, SET
 * TABLESPACE, a constraint added to a domain (every column using it is checked). They are known by their words; where the rule exempts new objects, the locks observed on the dev
 * database say whether an existing relation was locked (a statement outside a transaction cannot be observed, and is
 * reported).
 */
public final class MaintenanceStatements implements Analyzer {
    /** Comments and blank space before the statement's first word. */
    private static final String START = "(?is)^(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*";

    /**
     * One kind of statement.
     *
     * @param words          what the statement says
     * @param unless         what makes it harmless (CONCURRENTLY, a weak LOCK mode), or null
     * @param existingOnly   only when it locks a relation that existed before the file (the rule's exemption)
     */
    private record Kind(Rule rule, Pattern words, Pattern unless, boolean existingOnly, String message, String fix) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(Rule.PG503, Pattern.compile(START + "REINDEX\\b"), Pattern.compile("(?i)\\bCONCURRENTLY\\b"), false,
                    "REINDEX rebuilds under a lock that blocks writes to the table (and reads that use the index)",
                    "REINDEX … CONCURRENTLY (PostgreSQL 12+), in a file that runs outside a transaction."),
            new Kind(Rule.PG504, Pattern.compile(START + "ALTER\\s+TABLE\\b.*\\bDETACH\\s+PARTITION\\b"),
                    Pattern.compile("(?i)\\b(CONCURRENTLY|FINALIZE)\\b"), false,
                    "DETACH PARTITION locks the partitioned table against reads and writes (ACCESS EXCLUSIVE)",
                    "DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), in a file that runs outside a transaction."),
            new Kind(Rule.PG506, Pattern.compile(START + "(VACUUM\\b[^;]*\\bFULL\\b|CLUSTER\\b)"), null, false,
                    "VACUUM FULL and CLUSTER rewrite the whole table under an ACCESS EXCLUSIVE lock",
                    "Use pg_repack (or REPACK (CONCURRENTLY) from PostgreSQL 19) outside the migration."),
            new Kind(Rule.PG507, Pattern.compile(START + "REFRESH\\s+MATERIALIZED\\s+VIEW\\b"),
                    Pattern.compile("(?i)\\bCONCURRENTLY\\b"), true,
                    "REFRESH MATERIALIZED VIEW blocks reads of the view until it is done",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY (the view needs a unique index)."),
            new Kind(Rule.PG512, Pattern.compile(START + "LOCK\\b"),
                    Pattern.compile("(?i)\\bIN\\s+(ACCESS\\s+SHARE|ROW\\s+SHARE|ROW\\s+EXCLUSIVE|SHARE\\s+UPDATE\\s+"
                            + "EXCLUSIVE|SHARE|SHARE\\s+ROW\\s+EXCLUSIVE)\\s+MODE\\b"), false,
                    "LOCK TABLE in EXCLUSIVE or ACCESS EXCLUSIVE mode (the default) stops the application's writes, or"
                            + " reads and writes, until the transaction ends",
                    "Let the statements that need a lock take it themselves, with a lock_timeout."),
            new Kind(Rule.PG516, Pattern.compile(START + "ALTER\\s+(TABLE|INDEX|MATERIALIZED\\s+VIEW)\\b.*\\bSET\\s+"
                    + "TABLESPACE\\b"), null, true,
                    "SET TABLESPACE copies the relation's files under an ACCESS EXCLUSIVE lock",
                    "Move it off-peak, or build a copy in the new tablespace and switch over."),
            new Kind(Rule.PG517, Pattern.compile(START + "ALTER\\s+DOMAIN\\b.*\\bADD\\b"),
                    Pattern.compile("(?i)\\bNOT\\s+VALID\\b"), true,
                    "a constraint added to a domain is checked against every column that uses it, in every table, while"
                            + " those tables are locked against writes",
                    "Add it NOT VALID and VALIDATE CONSTRAINT in another transaction, or put the check on the columns."),
            new Kind(Rule.PG517, Pattern.compile(START + "CREATE\\s+DOMAIN\\b.*\\bCHECK\\b"), null, false,
                    "a CHECK on a domain cannot be changed later without checking every column that uses it, in every"
                            + " table, under lock",
                    "Put the CHECK on the columns (ADD CONSTRAINT … NOT VALID, then VALIDATE) instead of the domain."));

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        List<StatementLocks> timeline = pass.locks();
        for (int i = 0; i < runs.size(); i++) {
            String text = StatementCode.keywords(runs.get(i).statement().text());
            for (Kind kind : KINDS) {
                if (!kind.words().matcher(text).find() || kind.unless() != null && kind.unless().matcher(text).find()) {
                    continue;
                }
                StatementLocks locks = timeline.get(i);
                if (kind.existingOnly() && locks.observed() && locks.locks().stream().noneMatch(HeldLock::risky)) {
                    continue; // the relation is new in this file: nobody uses it yet
                }
                pass.report(kind.rule(), runs.get(i).statement(), kind.message(), new Fix(kind.fix(), null));
            }
        }
    }
}
