package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.RuleSetting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lock rules decided from the locks the local PostgreSQL showed inside the file's transaction (the static table of
 * rules.md §3.1 only outside one), the rules observation made decidable (PG501, PG502, PG509, PG511, PG515, PG517),
 * TX502, and the timeout notes folded into the finding they accompany.
 */
class ObservedLockRulesTest extends AnalyzerCase {

    /** The mode in the message is the one the table was held in, not the one CREATE INDEX takes on its own. */
    @Test
    void theObservedModeDecidesAndIsNamed() throws Exception {
        assertEquals(List.of("PG101 1:1 index users_name is built while public.users is locked against writes (SHARE lock)"),
                harness.findings("CREATE INDEX users_name ON users (name);\n"));
        assertEquals(List.of("PG512 1", "PG101 2:1 index users_name is built while public.users is locked against reads"
                        + " and writes (ACCESS EXCLUSIVE lock)"),
                harness.lint(Policy.DEFAULTS, "LOCK TABLE users;\nCREATE INDEX users_name ON users (name);\n").stream()
                        .map(d -> d.code() + (d.code().equals("PG512") ? " " + d.position().line()
                                : " " + d.position().line() + ":1 " + d.message())).toList(),
                "an earlier LOCK TABLE in the transaction: the build runs under ACCESS EXCLUSIVE");
        // Outside a transaction nothing can be observed: the statement's own lock (§3.1) stands in.
        assertEquals(List.of("PG101 3:1 index users_name is built while public.users is locked against writes (SHARE lock)"),
                harness.findings("-- atlas:txmode none\n\nCREATE INDEX users_name ON users (name);\n"));
        assertEquals(List.of(), harness.codes("-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_name ON users (name);\n"));
        assertEquals(List.of("PG102 1:1 dropping index users_legacy keeps public.users locked against reads and writes"
                + " (ACCESS EXCLUSIVE lock)"), harness.findings("DROP INDEX users_legacy;\n"));
    }

    /** PG502, not PG101: an exclusion constraint locks everything and has no CONCURRENTLY or NOT VALID form. */
    @Test
    void exclusionConstraints() throws Exception {
        assertEquals(List.of("PG502 1:1 exclusion constraint users_code_excl builds its index while public.users is locked"
                        + " against reads and writes (ACCESS EXCLUSIVE lock); it has no NOT VALID form and cannot be"
                        + " built CONCURRENTLY"),
                harness.findings("ALTER TABLE users ADD CONSTRAINT users_code_excl EXCLUDE USING btree (code WITH =);\n"));
        assertEquals(List.of(), harness.codes("CREATE TABLE fresh (a int);\n"
                + "ALTER TABLE fresh ADD CONSTRAINT fresh_excl EXCLUDE USING btree (a WITH =);\n"), "a new table");
    }

    /** PG305 names every check a statement validates, and the checks a type change re-checks. */
    @Test
    void everyCheckThatIsValidatedIsNamed() throws Exception {
        assertEquals(List.of("PG305 1:1 checks users_a, users_b scan public.users to validate existing rows while it is"
                        + " locked against reads and writes (ACCESS EXCLUSIVE lock)"),
                harness.findings("ALTER TABLE users ADD CONSTRAINT users_a CHECK (legacy > 0),"
                        + " ADD CONSTRAINT users_b CHECK (legacy2 > 0);\n"));
        AnalyzerHarness checked = harness.withBase("ALTER TABLE users ADD CONSTRAINT code_short CHECK (length(code) < 9),"
                + " ADD CONSTRAINT code_upper CHECK (code = upper(code)), ADD CONSTRAINT other CHECK (legacy > 0);\n");
        assertEquals(List.of("PG305 1:1 changing public.users.code from character varying(10) to character varying(20)"
                        + " re-checks checks code_short, code_upper against every row while public.users is locked against"
                        + " reads and writes (ACCESS EXCLUSIVE lock)"),
                checked.findings("ALTER TABLE users ALTER COLUMN code TYPE varchar(20);\n"));
        assertEquals(List.of(), harness.codes("ALTER TABLE users ALTER COLUMN code TYPE varchar(20);\n"),
                "no check on the column: widening a varchar neither rewrites nor scans");
    }

    /** timestamp → timestamptz with TimeZone UTC keeps the rows but rebuilds the column's index (rules.md §3.2). */
    @Test
    void anIndexRebuiltWithoutATableRewrite() throws Exception {
        assertEquals(List.of("PG301 2:1 changing public.visits.at from timestamp without time zone to timestamp with time"
                        + " zone leaves the table's rows as they are but rebuilds index visits_at while public.visits is"
                        + " locked against reads and writes (ACCESS EXCLUSIVE lock)"),
                harness.findings("SET TimeZone = 'UTC';\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz;\n"));
    }

    /** PG515: a rewrite no other rule explains; dropped where one does. */
    @Test
    void observedRewrites() throws Exception {
        assertEquals(List.of("PG515 1:1 the dev database wrote table public.drop_old_audit anew: every row is copied"
                        + " while public.drop_old_audit is locked against reads and writes (ACCESS EXCLUSIVE lock)"),
                harness.findings("ALTER TABLE drop_old_audit SET UNLOGGED;\n"));
        assertEquals(List.of("PG301 1"), harness.codes("ALTER TABLE users ALTER COLUMN legacy TYPE bigint;\n"),
                "PG301 explains the rewrite");
        assertEquals(List.of(), harness.codes("CREATE TABLE fresh (a int);\nALTER TABLE fresh SET UNLOGGED;\n"),
                "a new table");
        assertEquals(List.of("DS501 1"), harness.codes("TRUNCATE drop_old_audit;\n"), "TRUNCATE copies nothing");
    }

    /** PG501: VALIDATE while the transaction still blocks writes (here: the ADD … NOT VALID before it). */
    @Test
    void validateInTheTransactionThatAddedTheConstraint() throws Exception {
        assertEquals(List.of("PG501 2:1 VALIDATE of orders_positive checks every row of public.orders while this"
                        + " transaction still holds ACCESS EXCLUSIVE on it (taken at line 1 by the ADD … NOT VALID): writes"
                        + " wait for the whole scan"),
                harness.findings("ALTER TABLE orders ADD CONSTRAINT orders_positive CHECK (id > 0) NOT VALID;\n"
                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_positive;\n"));
        assertEquals(List.of(), harness.codes("-- atlas:txmode none\n\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_positive CHECK (id > 0) NOT VALID;\n"
                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_positive;\n"),
                "each statement commits on its own: the scan runs under SHARE UPDATE EXCLUSIVE only");
    }

    /** PG511 (info): one pass over the rows per ALTER TABLE. */
    @Test
    void tablesScannedTwice() throws Exception {
        Policy on = AnalyzerHarness.policy("PG511", Map.of());
        assertEquals(List.of("PG511 2:1 public.users is scanned or rewritten again (first at line 1): each ALTER TABLE makes"
                        + " its own pass over the rows under its own lock"),
                harness.findings(on, "ALTER TABLE users ADD CONSTRAINT users_a CHECK (legacy > 0);\n"
                        + "ALTER TABLE users ALTER COLUMN legacy TYPE bigint;\n").stream()
                        .filter(f -> f.startsWith("PG511")).toList());
        assertEquals(List.of(), harness.codes(on, "ALTER TABLE users ADD CONSTRAINT users_a CHECK (legacy > 0),"
                + " ALTER COLUMN legacy TYPE bigint;\n").stream().filter(f -> f.startsWith("PG511")).toList(), "one ALTER");
        assertEquals(List.of(), harness.codes(on, "CREATE TABLE fresh (a int);\n"
                + "ALTER TABLE fresh ADD CHECK (a > 0);\nALTER TABLE fresh ALTER a TYPE bigint;\n"), "a new table");
    }

    /** PG517: domain constraints check every column of every table using the domain. */
    @Test
    void domainConstraints() throws Exception {
        assertEquals(List.of("PG517 1"), harness.codes("ALTER DOMAIN points ADD CONSTRAINT points_positive CHECK (VALUE > 0);\n"));
        assertEquals(List.of(), harness.codes(
                "ALTER DOMAIN points ADD CONSTRAINT points_positive CHECK (VALUE > 0) NOT VALID;\n"));
        assertEquals(List.of("PG517 1"), harness.codes("CREATE DOMAIN rating AS int CHECK (VALUE BETWEEN 1 AND 5);\n"));
        assertEquals(List.of(), harness.codes("CREATE DOMAIN rating AS int;\n"));
        assertEquals(List.of(), harness.codes("CREATE DOMAIN rating AS int;\nCREATE TABLE fresh (r rating);\n"
                        + "ALTER DOMAIN rating ADD CONSTRAINT rating_positive CHECK (VALUE > 0);\n"),
                "a domain only new tables use: nothing existing is locked");
    }

    /** TX502: a BEGIN the file never ends. */
    @Test
    void uncommittedTransactions() throws Exception {
        assertEquals(List.of("TX502 1"), harness.codes("BEGIN;\nCREATE TABLE fresh (a int);\n"));
        assertEquals(List.of(), harness.codes("BEGIN;\nCREATE TABLE fresh (a int);\nCOMMIT;\n"));
        assertEquals(List.of(), harness.codes("CREATE TABLE fresh (a int);\n"
                + "DO $$ BEGIN PERFORM 1; END $$;\n"), "a PL/pgSQL block is no transaction");
    }

    /** PG508 and PG509 become a sentence and one fix of the finding on their statement. */
    @Test
    void timeoutNotesFoldIntoTheFindingTheyAccompany() throws Exception {
        Policy both = new Policy("test", FailOn.ERROR, false, Map.of("PG508", new RuleSetting(null, Map.of()),
                "PG509", new RuleSetting(null, Map.of())));
        List<Diagnostic> found = harness.lint(both, "CREATE INDEX users_name ON users (name);\n");
        assertEquals(1, found.size(), found.toString());
        Diagnostic pg101 = found.get(0);
        assertEquals("PG101", pg101.code());
        assertEquals("index users_name is built while public.users is locked against writes (SHARE lock); and no"
                + " lock_timeout set earlier in the file: if it waits, every query on the relation waits behind it (PG508);"
                + " and no statement_timeout set earlier in the file: nothing limits how long it keeps the lock (PG509)",
                pg101.message());
        assertEquals(2, pg101.fixes().size());
        Fix.TextEdit timeouts = pg101.fixes().get(1).edit();
        assertEquals(new Fix.TextEdit(1, 1, "SET lock_timeout = '2s';\nSET statement_timeout = '5min';\n"
                + "CREATE INDEX users_name ON users (name);\n"), timeouts);
        assertEquals(List.of("PG101 3"), harness.codes(both, timeouts.newText()), "the fix applied: only the lock stays");

        // Alone on their statement, the two notes are one finding too.
        List<Diagnostic> alone = harness.lint(both, "ALTER TABLE users ADD COLUMN note text;\n");
        assertEquals(List.of("PG508"), alone.stream().map(Diagnostic::code).toList());
        assertTrue(alone.get(0).message().endsWith("(PG509)"), alone.get(0).message());

        // Raised to a warning, a timeout rule is a finding of its own.
        Policy warn = new Policy("test", FailOn.ERROR, false, Map.of("PG508", new RuleSetting(Severity.WARNING, Map.of())));
        assertEquals(List.of("PG101 1", "PG508 1"), harness.codes(warn, "CREATE INDEX users_name ON users (name);\n"));
    }

    /** Words in comments, strings and quoted names are not keywords; a timeout edit never splits a line. */
    @Test
    void keywordsOutsideTheCodeDoNotExempt() throws Exception {
        assertEquals(List.of("PG101 3"), harness.codes("-- atlas:txmode none\n\n"
                + "CREATE INDEX users_name ON users (name) WHERE name <> 'CONCURRENTLY';\n"));
        assertEquals(List.of("PG102 1"), harness.codes("DROP INDEX /* CONCURRENTLY */ users_legacy;\n"));
        assertEquals(List.of("PG517 1"), harness.codes(
                "ALTER DOMAIN points ADD CONSTRAINT p CHECK (VALUE > 0) -- NOT VALID later\n;\n"));
        assertEquals(List.of("MF104 2"), harness.codes("UPDATE users SET legacy = 0, name = ':(' WHERE id < 100;\n"
                + "ALTER TABLE users ALTER COLUMN legacy SET NOT NULL;\n").stream()
                .filter(f -> f.startsWith("MF104")).toList(), "a bracket in a string hides no WHERE");
        Policy on = AnalyzerHarness.policy("PG508", Map.of());
        List<Diagnostic> found = harness.lint(on, "COMMENT ON TABLE users IS 'Accounts.\nSee docs'; "
                + "CREATE INDEX users_name ON users (name);\n");
        Diagnostic pg101 = found.stream().filter(d -> d.code().equals("PG101")).findFirst().orElseThrow();
        assertTrue(pg101.message().endsWith("(PG508)"), pg101.message());
        assertTrue(pg101.fixes().stream().map(Fix::edit).filter(e -> e != null)
                .noneMatch(e -> e.newText().startsWith("SET")), "no SET inserted into the line a string ends on");
    }

    /** Review findings on PG305, PG501, PG511, PG515 and TX502: the cases they were wrong in. */
    @Test
    void rightWhereTheyWereWrong() throws Exception {
        AnalyzerHarness checked = harness.withBase("ALTER TABLE users ADD CONSTRAINT code_short CHECK (length(code) < 9);\n");
        assertEquals(List.of(), checked.codes("ALTER TABLE users DROP CONSTRAINT code_short,"
                + " ALTER COLUMN code TYPE varchar(20);\n"), "PG305's own fix: the check is gone");
        assertEquals(List.of(), harness.codes("CREATE TABLE fresh (a int);\n"
                + "ALTER TABLE fresh ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n"
                + "ALTER TABLE fresh VALIDATE CONSTRAINT c;\n"), "PG501: a new table");
        assertEquals(List.of(), harness.codes(AnalyzerHarness.policy("PG511", Map.of()),
                "CREATE UNIQUE INDEX users_code ON users (code);\n"
                        + "ALTER TABLE users ADD CONSTRAINT users_a CHECK (legacy > 0);\n"
                        + "ALTER TABLE users ADD CONSTRAINT users_code UNIQUE USING INDEX users_code;\n").stream()
                .filter(c -> c.startsWith("PG511")).toList(), "PG511: USING INDEX builds nothing");
        assertEquals(List.of(), harness.codes("-- atlas:nolint PG301 -- accepted\n"
                + "ALTER TABLE users ALTER COLUMN legacy TYPE bigint;\n"), "PG515: the suppressed PG301 explains it");
        assertEquals(List.of("TX502 1"), harness.codes("START TRANSACTION;\nCREATE TABLE fresh (a int);\n"
                + "COMMIT AND CHAIN;\n"));
        assertEquals(List.of(), harness.codes("BEGIN;\nSAVEPOINT s;\nCREATE TABLE fresh (a int);\nROLLBACK /* x */ TO SAVEPOINT s;\n"
                + "COMMIT;\n").stream().filter(c -> c.startsWith("TX502")).toList());
    }

    /** PG509 on its own: the first statement that locks an existing table, unless a statement_timeout is set first. */
    @Test
    void statementTimeout() throws Exception {
        Policy on = AnalyzerHarness.policy("PG509", Map.of());
        assertEquals(List.of("PG509 2:1 this statement locks public.users with no statement_timeout set earlier in the file:"
                        + " nothing limits how long it keeps the lock"),
                harness.findings(on, "CREATE TABLE fresh (a int);\nALTER TABLE users ADD COLUMN note text;\n"
                        + "ALTER TABLE users ADD COLUMN note2 text;\n"));
        assertEquals(List.of(), harness.codes(on, "SET LOCAL statement_timeout = '1min';\n"
                + "ALTER TABLE users ADD COLUMN note text;\n"));
        assertEquals(List.of(), harness.codes(on, "CREATE TABLE fresh (a int);\nALTER TABLE fresh ADD COLUMN b int;\n"),
                "a new table");
    }

    /** MF104: a column added in the file is all NULL; only a backfill that reaches every NULL proves otherwise. */
    @Test
    void notNullNeedsABackfillThatReachesEveryRow() throws Exception {
        assertEquals(List.of("MF104 2:1 column public.users.nick was added earlier in this file without a default, so every"
                        + " existing row holds NULL: NOT NULL fails if public.users has rows"),
                harness.findings("ALTER TABLE users ADD COLUMN nick text;\nALTER TABLE users ALTER COLUMN nick SET NOT NULL;\n")
                        .stream().filter(f -> f.startsWith("MF104")).toList());
        assertEquals(List.of("MF104 2"), harness.codes("UPDATE users SET legacy = 0 WHERE id < 100;\n"
                        + "ALTER TABLE users ALTER COLUMN legacy SET NOT NULL;\n").stream()
                        .filter(f -> f.startsWith("MF104")).toList(),
                "a conditional UPDATE may leave NULLs");
        assertEquals(List.of("MF104 2"), harness.codes("UPDATE users SET name = 'x' WHERE legacy IS NULL;\n"
                        + "ALTER TABLE users ALTER COLUMN legacy SET NOT NULL;\n").stream()
                        .filter(f -> f.startsWith("MF104")).toList(),
                "an UPDATE of another column fills nothing");
        for (String backfill : List.of("UPDATE users SET legacy = 0 WHERE legacy IS NULL;\n",
                "UPDATE users SET legacy = coalesce(legacy, (SELECT 0 WHERE true));\n")) {
            assertEquals(List.of(), harness.codes(backfill + "ALTER TABLE users ALTER COLUMN legacy SET NOT NULL;\n")
                    .stream().filter(f -> f.startsWith("MF104")).toList(), backfill);
        }
        assertEquals(List.of(), harness.codes("ALTER TABLE users ADD COLUMN nick text DEFAULT 'x';\n"
                + "ALTER TABLE users ALTER COLUMN nick SET NOT NULL;\n").stream().filter(f -> f.startsWith("MF104")).toList(),
                "old rows got the default");
    }
}
