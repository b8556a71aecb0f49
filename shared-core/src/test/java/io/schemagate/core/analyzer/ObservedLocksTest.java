package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.StatementLocks;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintJson;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.LintText;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.TextStyle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The locks each statement of a new file takes, read from pg_locks on the local PostgreSQL inside the file's
 * transaction, and PG518 built on them.
 */
class ObservedLocksTest extends AnalyzerCase {
    /** The lock table of a sample file, exactly: relation, kind, mode, pre-existing, rewritten, held for. */
    @Test
    void theLockTableOfASampleFile() throws Exception {
        FileReport file = newFile(harness.report(Policy.DEFAULTS, """
                ALTER TABLE billing.invoices ADD COLUMN user_id bigint;
                ALTER TABLE billing.invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
                CREATE INDEX invoices_user_idx ON billing.invoices (user_id);
                ALTER TABLE users ALTER COLUMN legacy TYPE bigint;
                """));
        assertEquals(List.of(
                "1 billing.invoices table ACCESS EXCLUSIVE existing held 3",
                // The foreign key: both tables against writes; the validating query reads through the indexes.
                "2 billing.invoices table SHARE ROW EXCLUSIVE existing held 2",
                "2 billing.invoices_pkey index ACCESS SHARE existing held 2",
                "2 public.users table SHARE ROW EXCLUSIVE existing held 2",
                "2 public.users_legacy index ACCESS SHARE existing held 2",
                "2 public.users_pkey index ACCESS SHARE existing held 2",
                "3 billing.invoices table SHARE existing held 1",
                "3 billing.invoices_user_idx index ACCESS EXCLUSIVE new held 1",
                // The type change rewrites the table and rebuilds every index on it.
                "4 public.users table ACCESS EXCLUSIVE existing rewritten held 0",
                "4 public.users_legacy index ACCESS EXCLUSIVE existing rewritten held 0",
                "4 public.users_pkey index ACCESS EXCLUSIVE existing rewritten held 0"), table(file));
        assertTrue(file.statements().stream().allMatch(StatementLocks::observed));
    }

    /** PG518: the table a new foreign key references is locked against writes too, for the rest of the transaction. */
    @Test
    void aForeignKeyLocksTheTableItReferences() throws Exception {
        List<String> found = harness.findings(AnalyzerHarness.policy("PG518", Map.of()), """
                ALTER TABLE billing.invoices ADD COLUMN user_id bigint;
                ALTER TABLE billing.invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE billing.invoices ADD COLUMN note text;
                """).stream().filter(f -> f.startsWith("PG518")).toList();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).matches("PG518 2:1 this statement also takes SHARE ROW EXCLUSIVE on public\\.users, an"
                + " existing table it does not change: it blocks writes there while 1 more statement runs \\(\\d+ ms on"
                + " the dev database\\)"), found.get(0));
    }

    /** NOT VALID as the transaction's last statement locks both tables only briefly; a new table blocks no one. */
    @Test
    void briefAndNewAreExempt() throws Exception {
        assertEquals(List.of(), codes518("""
                ALTER TABLE billing.invoices ADD COLUMN user_id bigint;
                ALTER TABLE billing.invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
                    NOT VALID;
                """));
        assertEquals(List.of(), codes518("""
                CREATE TABLE fresh (id bigint PRIMARY KEY);
                CREATE TABLE fresher (id bigint REFERENCES fresh (id));
                ALTER TABLE fresher ADD COLUMN note text;
                """));
        assertEquals(List.of("PG518 2"), codes518("""
                CREATE TABLE fresh (id bigint PRIMARY KEY, user_id bigint);
                ALTER TABLE fresh ADD CONSTRAINT fresh_user FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE fresh ADD COLUMN note text;
                """), "a new table referencing an existing one locks the existing one");
    }

    /** Inside a transaction a statement that takes no new lock is observed all the same, with no locks. */
    @Test
    void aStatementThatAddsNoLockIsObserved() throws Exception {
        FileReport file = newFile(harness.report(Policy.DEFAULTS, "ALTER TABLE users ADD COLUMN note text;\n"
                + "ALTER TABLE users ADD COLUMN note2 text;\n"));
        assertTrue(file.statements().get(1).observed());
        assertEquals(List.of(), file.statements().get(1).locks());
    }

    /** Outside a transaction the locks are gone when the statement returns: nothing observed, said so. */
    @Test
    void withoutATransactionNothingIsObserved() throws Exception {
        FileReport file = newFile(harness.report(Policy.DEFAULTS, """
                -- atlas:txmode none

                ALTER TABLE users ADD COLUMN note text;
                """));
        assertEquals(1, file.statements().size());
        assertFalse(file.statements().get(0).observed());
        assertEquals(List.of(), file.statements().get(0).locks());
    }

    /** PG510: ACCESS EXCLUSIVE on an existing table held while more statements of the transaction run. */
    @Test
    void anExclusiveLockHeldWhileMoreStatementsRun() throws Exception {
        List<String> found = harness.findings(AnalyzerHarness.policy("PG510", Map.of()), """
                ALTER TABLE users ADD COLUMN note text;
                UPDATE users SET note = name;
                CREATE TABLE fresh (id int);
                """).stream().filter(f -> f.startsWith("PG510")).toList();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).matches("PG510 1:1 ACCESS EXCLUSIVE on public\\.users, taken here, stays held while"
                + " lines 2 and 3 run \\(\\d+ ms on the dev database\\): every query on public\\.users waits until"
                + " the transaction commits"), found.get(0));

        assertEquals(List.of(), codes("PG510", "ALTER TABLE users ADD COLUMN note text;\n"), "nothing runs after it");
        assertEquals(List.of(), codes("PG510", "CREATE TABLE fresh (id int);\nALTER TABLE fresh ADD COLUMN b int;\n"
                + "INSERT INTO fresh VALUES (1, 2);\n"), "a new table has no users to block");
        assertEquals(List.of(), codes("PG510", "-- atlas:txmode none\n\nALTER TABLE users ADD COLUMN note text;\n"
                + "UPDATE users SET note = name;\n"), "each statement commits on its own");
        assertEquals(List.of("PG510 1"), codes("PG510", "ALTER TABLE users ADD COLUMN a int;\n"
                + "ALTER TABLE users ADD COLUMN b int;\n"), "once per table and transaction: the second adds no lock");
        assertEquals(List.of("PG510 1"), codes("PG510", "ALTER TABLE users RENAME TO people;\n"
                + "UPDATE people SET name = 'x';\n"), "a renamed table existed before the file all the same");
        assertEquals(List.of(), codes("PG510", "ALTER TABLE users ADD COLUMN note text;\nCOMMIT;\n"
                + "UPDATE users SET note = name;\n"), "a COMMIT in the file releases the lock");
    }

    /** JSON carries every lock; the text and the Markdown comment the dangerous ones on existing relations. */
    @Test
    void reportsShowTheLocks() throws Exception {
        LintReport report = harness.report(Policy.DEFAULTS, """
                ALTER TABLE users ADD COLUMN note text;
                CREATE TABLE fresh (id int);
                """);

        JsonNode file = new ObjectMapper().readTree(LintJson.render(report)).get("files").get(0);
        JsonNode first = file.get("statements").get(0);
        assertEquals(1, first.get("line").asInt());
        assertTrue(first.get("locksObserved").asBoolean());
        JsonNode lock = first.get("locks").get(0);
        assertEquals("public.users", lock.get("relation").asText());
        assertEquals("table", lock.get("kind").asText());
        assertEquals("ACCESS EXCLUSIVE", lock.get("mode").asText());
        assertEquals("blocks reads and writes", lock.get("blocks").asText());
        assertTrue(lock.get("preExisting").asBoolean());
        assertFalse(lock.get("rewritten").asBoolean());
        assertEquals(1, lock.get("heldForStatements").asInt());
        assertTrue(lock.get("heldForMs").asLong() >= 0);

        String text = LintText.render(report, FailOn.ERROR.verdict(report.diagnostics()), TextStyle.PLAIN);
        assertTrue(text.matches("(?s).*\n     1  lock ACCESS EXCLUSIVE on public\\.users \\(existing table\\): blocks reads"
                + " and writes while 1 more statement runs \\(\\d+ ms on the dev database\\)\n.*"), text);
        assertFalse(text.contains("on public.fresh"), "a new table blocks no one: " + text);

        String markdown = MarkdownReport.render(report);
        assertTrue(markdown.contains("| Line | Relation | Lock | What it does | Held |\n|--:|---|---|---|---|\n"
                + "| 1 | public.users (existing table) | ACCESS EXCLUSIVE | blocks reads and writes | while 1 more"
                + " statement runs ("), markdown);
    }

    private List<String> codes518(String newFile) throws Exception {
        return codes("PG518", newFile);
    }

    private List<String> codes(String code, String newFile) throws Exception {
        return harness.codes(AnalyzerHarness.policy(code, Map.of()), newFile).stream()
                .filter(c -> c.startsWith(code + " ")).toList();
    }

    static FileReport newFile(LintReport report) {
        return report.files().stream().filter(FileReport::added).findFirst().orElseThrow();
    }

    /** {@code line relation kind MODE existing|new [rewritten] held N} per lock. */
    static List<String> table(FileReport file) {
        return file.statements().stream().flatMap(s -> s.locks().stream().map(h -> row(s, h))).toList();
    }

    private static String row(StatementLocks statement, HeldLock held) {
        return statement.line() + " " + held.lock().relation() + " " + held.lock().kind().text() + " "
                + held.lock().mode().sqlName() + " " + (held.preExisting() ? "existing" : "new")
                + (held.rewritten() ? " rewritten" : "") + " held " + held.heldForStatements();
    }
}
