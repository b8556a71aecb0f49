package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.RuleSetting;
import io.schemagate.core.report.LintReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same file on the oldest and newest supported servers (embedded PostgreSQL 14 and 18, binaries from Maven
 * Central) and on the local 15: the lock table and the lock rules come from what each server did, and where the
 * servers differ, so do the findings — with no version switch in the code.
 */
class ObservedLocksAcrossVersionsTest extends AnalyzerCase {
    private static final String SAMPLE = """
            ALTER TABLE billing.invoices ADD COLUMN user_id bigint;
            ALTER TABLE billing.invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
            CREATE INDEX invoices_user_idx ON billing.invoices (user_id);
            ALTER TABLE users ALTER COLUMN legacy TYPE bigint;
            ALTER TABLE drop_old_audit ADD COLUMN flag boolean DEFAULT true;
            ALTER TABLE accounts ADD COLUMN token text DEFAULT md5(random()::text);
            """;

    private static final Policy LOCK_RULES = new Policy("test", FailOn.ERROR, false, Map.of(
            "PG508", new RuleSetting(Severity.WARNING, Map.of()), "PG518", new RuleSetting(null, Map.of())));

    @ParameterizedTest
    @ValueSource(strings = {AnalyzerHarness.SERVICE, "embedded://postgres/14", "embedded://postgres/18"})
    void theSampleFileOnEachServer(String devUrl) throws Exception {
        LintReport report = lint(devUrl, SAMPLE);
        assertEquals(List.of(
                "1 billing.invoices table ACCESS EXCLUSIVE existing held 5",
                "2 billing.invoices table SHARE ROW EXCLUSIVE existing held 4",
                "2 billing.invoices_pkey index ACCESS SHARE existing held 4",
                "2 public.users table SHARE ROW EXCLUSIVE existing held 4",
                // The type change at line 4 drops this index and builds a new one: the old one's lock ends with it.
                "2 public.users_legacy index ACCESS SHARE existing held 2",
                "2 public.users_pkey index ACCESS SHARE existing held 4",
                "3 billing.invoices table SHARE existing held 3",
                "3 billing.invoices_user_idx index ACCESS EXCLUSIVE new held 3",
                "4 public.users table ACCESS EXCLUSIVE existing rewritten held 2",
                "4 public.users_legacy index ACCESS EXCLUSIVE existing rewritten held 0",
                "4 public.users_pkey index ACCESS EXCLUSIVE existing rewritten held 2",
                "5 public.drop_old_audit table ACCESS EXCLUSIVE existing held 1",
                "6 public.accounts table ACCESS EXCLUSIVE existing rewritten held 0",
                "6 public.accounts_pkey index ACCESS EXCLUSIVE existing rewritten held 0"),
                ObservedLocksTest.table(ObservedLocksTest.newFile(report)), devUrl);
        assertEquals(List.of(
                        "PG508 1",
                        "PG306 2 foreign key invoices_user_fk scans billing.invoices while it is locked against reads and"
                                + " writes (ACCESS EXCLUSIVE lock), and public.users locked against writes (SHARE ROW"
                                + " EXCLUSIVE lock)",
                        "PG518 2",
                        "PG101 3 index invoices_user_idx is built while billing.invoices is locked against reads and writes"
                                + " (ACCESS EXCLUSIVE lock)",
                        "PG301 4",
                        "PG302 6"),
                report.diagnostics().stream().filter(d -> !d.code().startsWith("DI"))
                        .map(d -> d.code() + " " + d.position().line()
                                + (d.code().equals("PG306") || d.code().equals("PG101") ? " " + d.message() : ""))
                        .toList(), devUrl + ": a constant default rewrites nothing since PostgreSQL 11; md5(random()) does");
    }

    /** The rules observation made decidable give the same findings on every supported server. */
    @ParameterizedTest
    @ValueSource(strings = {AnalyzerHarness.SERVICE, "embedded://postgres/14", "embedded://postgres/18"})
    void rulesFromObservationOnEachServer(String devUrl) throws Exception {
        LintReport report = lint(devUrl, """
                ALTER TABLE orders ADD CONSTRAINT orders_positive CHECK (id > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_positive;
                ALTER TABLE drop_old_audit SET UNLOGGED;
                ALTER TABLE users ADD CONSTRAINT users_excl EXCLUDE USING btree (code WITH =);
                ALTER TABLE accounts ADD CONSTRAINT a CHECK (id > 0), ADD CONSTRAINT b CHECK (id < 10);
                SET TimeZone = 'UTC';
                ALTER TABLE visits ALTER COLUMN at TYPE timestamptz;
                """);
        assertEquals(List.of("PG508 1", "PG501 2", "PG515 3", "PG502 4",
                        "PG305 5 checks a, b scan public.accounts to validate existing rows while it is locked against"
                                + " reads and writes (ACCESS EXCLUSIVE lock)",
                        "PG301 7 changing public.visits.at from timestamp without time zone to timestamp with time zone"
                                + " leaves the table's rows as they are but rebuilds index visits_at while public.visits is"
                                + " locked against reads and writes (ACCESS EXCLUSIVE lock)"),
                report.diagnostics().stream().filter(d -> !d.code().startsWith("DI") && !d.code().equals("PG518"))
                        .map(d -> d.code() + " " + d.position().line()
                                + (d.code().equals("PG305") || d.code().equals("PG301") ? " " + d.message() : ""))
                        .toList(), devUrl);
    }

    /** PostgreSQL 18's virtual generated columns compute on read: nothing is rewritten, so PG309 stays quiet. */
    @Test
    void virtualGeneratedColumnsOnEighteen() throws Exception {
        LintReport report = lint("embedded://postgres/18", """
                ALTER TABLE users ADD COLUMN doubled int GENERATED ALWAYS AS (legacy * 2) VIRTUAL;
                ALTER TABLE drop_old_audit ADD COLUMN doubled bigint GENERATED ALWAYS AS (id * 2) STORED;
                """);
        assertEquals(List.of("PG309 2"), report.diagnostics().stream().filter(d -> d.code().startsWith("PG3"))
                .map(d -> d.code() + " " + d.position().line()).toList());
    }

    private LintReport lint(String devUrl, String file) throws Exception {
        try {
            return harness.on(devUrl).report(LOCK_RULES, file);
        } catch (DevDatabaseException e) {
            Assumptions.assumeFalse(e.getMessage().contains("could not be downloaded"),
                    devUrl + ": the binaries cannot be downloaded here, test skipped: " + e.getMessage());
            throw e;
        }
    }
}
