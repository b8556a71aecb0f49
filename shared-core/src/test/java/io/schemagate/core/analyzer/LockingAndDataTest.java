package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.RuleSetting;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Map;

/** MF101, MF103, MF104, PG101–PG105 and PG301–PG306 on the local PostgreSQL: bad cases, good cases, exemptions, fixes. */
class LockingAndDataTest extends AnalyzerCase {
    @Test
    void blockingIndexBuildsAndTheirConcurrentFix() throws Exception {
        List<Diagnostic> found = harness.lint(Policy.DEFAULTS, "CREATE UNIQUE INDEX users_name ON users (name);\n");
        assertEquals(List.of("MF101 1", "PG101 1"), found.stream().map(d -> d.code() + " " + d.position().line()).toList());
        Fix.TextEdit edit = found.get(1).fixes().get(0).edit();
        assertNotNull(edit);
        assertEquals(new Fix.TextEdit(1, 1, "CREATE UNIQUE INDEX CONCURRENTLY users_name ON users (name);\n"), edit);

        // The fix applied, in a non-transactional file: it replays and no longer fires.
        assertEquals(List.of("MF101 3"), harness.codes(
                "-- atlas:txmode none\n\n" + edit.newText()), "MF101 is about the data, not the lock");
        assertEquals(List.of(), harness.codes("CREATE TABLE fresh (a int);\nCREATE INDEX fresh_a ON fresh (a);\n"),
                "a table created in the same file has no rows to lock");
    }

    /** Columns whose values are computed for every existing row rewrite the table: PG309 and PG310, not PG302. */
    @Test
    void generatedIdentityAndSerialColumnsRewrite() throws Exception {
        assertEquals(List.of("PG309 1:1 stored generated column public.users.doubled is computed for every row: adding it"
                + " rewrites public.users while it is locked against reads and writes (ACCESS EXCLUSIVE lock)"),
                harness.findings("ALTER TABLE users ADD COLUMN doubled int GENERATED ALWAYS AS (legacy * 2) STORED;\n"));
        assertEquals(List.of("PG310 1:1 identity column public.users.seq numbers every existing row: adding it rewrites"
                + " public.users while it is locked against reads and writes (ACCESS EXCLUSIVE lock)"), harness.findings(
                "ALTER TABLE users ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;\n"));
        assertEquals(List.of("PG310 1"), harness.codes("ALTER TABLE users ADD COLUMN n serial;\n"));
        assertEquals(List.of(), harness.codes("CREATE TABLE fresh (a int);\n"
                + "ALTER TABLE fresh ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;\n"), "a new table has no rows");
    }

    /** A unique constraint that takes over a unique index (PG105's own fix) cannot fail on duplicates: no MF101. */
    @Test
    void uniqueUsingAnIndexThatIsAlreadyUnique() throws Exception {
        assertEquals(List.of("MF101 1", "PG101 1"), harness.codes(
                "CREATE UNIQUE INDEX users_code ON users (code);\n"
                + "ALTER TABLE users ADD CONSTRAINT users_code UNIQUE USING INDEX users_code;\n"));
    }

    @Test
    void statementsThatCannotRunInATransactionAndTheirHeaderFix() throws Exception {
        List<Diagnostic> all = harness.lintAll(Policy.DEFAULTS, "CREATE INDEX CONCURRENTLY users_name ON users (name);\n");
        Diagnostic pg103 = all.stream().filter(d -> d.code().equals("PG103")).findFirst().orElseThrow(() -> new AssertionError(all));
        assertEquals(1, pg103.position().line());
        assertTrue(all.stream().noneMatch(d -> d.code().equals("DI509")), "PG103 names the failure instead of DI509: " + all);
        Fix.TextEdit edit = pg103.fixes().get(0).edit();
        assertEquals("-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_name ON users (name);\n", edit.newText());
        assertEquals(List.of(), harness.codes(edit.newText()), "with the header the file replays and nothing fires");

        assertEquals(List.of("TX503 1"), harness.codes("VACUUM users;\n"));
        assertEquals(List.of(), harness.codes("-- atlas:txmode none\n\nVACUUM users;\n"));
        // The same words raised by the migration itself are its own error, not a transaction problem with a fix.
        assertEquals(List.of("DI509"), harness.lintAll(Policy.DEFAULTS,
                "DO $$ BEGIN RAISE EXCEPTION 'VACUUM cannot run inside a transaction block'; END $$;\n")
                .stream().map(Diagnostic::code).toList());
    }

    @Test
    void lockTimeoutBeforeTheFirstDangerousLock() throws Exception {
        Policy on = new Policy("test", FailOn.ERROR, false, Map.of("PG508", new RuleSetting(null, Map.of())));
        List<Diagnostic> found = harness.lint(on, """
                CREATE TABLE fresh (a int);
                ALTER TABLE users ADD COLUMN note text;
                ALTER TABLE users ADD COLUMN note2 text;
                """);
        assertEquals(List.of("PG508 2 info"), found.stream()
                .map(d -> d.code() + " " + d.position().line() + " " + d.severity().id()).toList(), "once per file");
        Fix.TextEdit edit = found.get(0).fixes().get(0).edit();
        assertEquals("SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN note text;\n", edit.newText());
        assertEquals(List.of(), harness.lint(on, "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN note text;\n"),
                "the fix applied: quiet");
        assertEquals(List.of(), harness.lint(on, "CREATE INDEX CONCURRENTLY users_name ON users (name);\n").stream()
                .filter(d -> d.code().equals("PG508")).toList(), "CONCURRENTLY takes no dangerous lock");
    }

    @Test
    void turningATimeoutOffIsReportedOnceWhereItHappens() throws Exception {
        List<String> found = harness.lintAll(Policy.DEFAULTS, """
                SET statement_timeout = 0;
                SET LOCAL lock_timeout TO '0';
                SELECT set_config('statement_timeout', '0', false);
                SET statement_timeout = '30min';
                SET lock_timeout = DEFAULT;
                SET lock_timeout = '2s';
                """).stream().filter(d -> d.code().equals("DI517"))
                .map(d -> d.position().line() + " " + d.severity().id() + " " + d.message()).toList();
        assertEquals(List.of(
                "1 info this turns statement_timeout off: in production nothing stops this migration (on the dev database,"
                        + " --statement-timeout still applies)",
                "2 info this turns lock_timeout off: in production nothing stops this migration (on the dev database,"
                        + " --lock-timeout still applies)",
                "3 info this turns statement_timeout off: in production nothing stops this migration (on the dev database,"
                        + " --statement-timeout still applies)"), found, "finite timeouts and DEFAULT are fine");
    }

    @Test
    void blockingIndexDropOnlyForDropIndexStatements() throws Exception {
        assertEquals(List.of("PG102 1"), harness.codes("DROP INDEX users_legacy;\n"));
        assertEquals(List.of(), harness.codes("-- atlas:txmode none\n\nDROP INDEX CONCURRENTLY users_legacy;\n"));
    }

    @Test
    void primaryKeyAndUniqueConstraintsBuildIndexesUnderLock() throws Exception {
        assertEquals(List.of("PG104 1", "PG304 1"), harness.codes("ALTER TABLE drop_old_audit ADD PRIMARY KEY (id);\n"));
        assertEquals(List.of("PG304 2"), harness.codes("""
                CREATE UNIQUE INDEX audit_pk ON drop_old_audit (id);
                ALTER TABLE drop_old_audit ADD CONSTRAINT audit_pk PRIMARY KEY USING INDEX audit_pk;
                """).stream().filter(c -> !c.startsWith("PG101") && !c.startsWith("MF101")).toList(),
                "USING INDEX avoids the build; the NOT NULL scan remains");
        assertEquals(List.of("MF101 1", "PG105 1"),
                harness.codes("ALTER TABLE users ADD CONSTRAINT users_code_key UNIQUE (code);\n"));
    }

    @Test
    void rewritesAreReadFromTheDatabase() throws Exception {
        assertEquals(List.of("PG301 1"), harness.codes("ALTER TABLE users ALTER COLUMN legacy TYPE bigint;\n"));
        assertEquals(List.of(), harness.codes("ALTER TABLE users ALTER COLUMN code TYPE varchar(20);\n"),
                "widening a varchar does not rewrite");
        assertEquals(List.of("PG302 1"), harness.codes("ALTER TABLE users ADD COLUMN token text DEFAULT random()::text;\n"));
        assertEquals(List.of(), harness.codes("ALTER TABLE users ADD COLUMN flag boolean DEFAULT false;\n"),
                "a constant default is stored in the catalog (PostgreSQL 11+)");
    }

    @Test
    void notNullNeedsDataAndAScan() throws Exception {
        assertEquals(List.of("MF104 1", "PG303 1"), harness.codes("ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n"));
        assertEquals(List.of("PG303 2"), harness.codes("""
                UPDATE users SET name = '' WHERE name IS NULL;
                ALTER TABLE users ALTER COLUMN name SET NOT NULL;
                """), "an earlier backfill answers MF104, not the scan");
        assertEquals(List.of("PG305 1"), harness.codes("""
                ALTER TABLE users ADD CONSTRAINT name_nn CHECK (name IS NOT NULL);
                ALTER TABLE users ALTER COLUMN name SET NOT NULL;
                """), "a validated CHECK proves NOT NULL: no MF104, no scan (but the CHECK itself scanned)");
        assertEquals(List.of("MF103 1"), harness.codes("ALTER TABLE users ADD COLUMN age int NOT NULL;\n"));
        assertEquals(List.of(), harness.codes("ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;\n"));
    }

    @Test
    void dataDependentExemptions() throws Exception {
        assertEquals(List.of("PG101 2"), harness.codes("""
                ALTER TABLE users ADD COLUMN email text;
                CREATE UNIQUE INDEX users_email ON users (email);
                """), "MF101: every part is a column added in the file, so no old row can collide");
        assertEquals(List.of("PG101 3"), harness.codes("""
                CREATE UNIQUE INDEX users_code_old ON users (code);
                DROP INDEX users_code_old;
                CREATE UNIQUE INDEX users_code_name ON users (code, name);
                """).stream().filter(c -> !c.startsWith("PG101 1") && !c.startsWith("PG102") && !c.startsWith("MF101 1"))
                .toList(), "MF101: a unique index on (code) dropped in the file already kept (code, name) unique");
        assertEquals(List.of(), harness.codes("""
                ALTER TABLE users ADD COLUMN serial_no bigint NOT NULL GENERATED ALWAYS AS IDENTITY;
                ALTER TABLE users ADD COLUMN upper_name text NOT NULL GENERATED ALWAYS AS (upper(coalesce(name, ''))) STORED;
                """).stream().filter(c -> c.startsWith("MF103")).toList(), "MF103: identity and generated columns fill themselves");
        assertEquals(List.of("PG305 1", "PG104 2"), harness.codes("""
                ALTER TABLE drop_old_audit ADD CONSTRAINT id_nn CHECK (id IS NOT NULL);
                ALTER TABLE drop_old_audit ADD PRIMARY KEY (id);
                """), "PG304: a validated CHECK proves the key's column has no NULLs");
    }

    @Test
    void constraintsValidateExistingRowsUnlessNotValid() throws Exception {
        List<Diagnostic> check = harness.lint(Policy.DEFAULTS, "ALTER TABLE users ADD CONSTRAINT legacy_pos CHECK (legacy > 0);\n");
        assertEquals("PG305", check.get(0).code());
        Fix.TextEdit edit = check.get(0).fixes().get(0).edit();
        assertEquals("ALTER TABLE users ADD CONSTRAINT legacy_pos CHECK (legacy > 0) NOT VALID;\n", edit.newText());
        assertEquals(List.of(), harness.codes(edit.newText()), "the fixed statement replays and no longer fires");

        assertEquals(List.of("PG306 1"), harness.codes(
                "ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id);\n"));
        assertEquals(List.of(), harness.codes(
                "ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"));
        assertTrue(harness.codes("CREATE TABLE fresh (u bigint REFERENCES users (id));\n").isEmpty(),
                "a referencing table created in the file is empty");
    }
}
