package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.testing.LintHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate lint} on a MariaDB dev database: a bad and a good case per MySQL rule, and the neutral rules. Run on
 * the local service ({@link MariaDbServiceLintTest}) and on the embedded default ({@link EmbeddedMariaDbLintTest}).
 */
abstract class MysqlRulesContract {
    static final String BASE = """
            CREATE TABLE users (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(50), legacy int,
              code varchar(10)) ENGINE=InnoDB;
            CREATE TABLE orders (id bigint NOT NULL PRIMARY KEY, user_id bigint, KEY orders_user (user_id));
            CREATE TABLE audit (id bigint);
            """;
    /** Most cases set the wait so that MY512 stays out of their findings. */
    static final String WAIT = "SET SESSION lock_wait_timeout = 5;\n";

    @TempDir
    Path root;
    LintHarness lint;

    /** The dev URL under test; may skip the test when its database is not there. */
    abstract String devUrl();

    @BeforeEach
    void harness() {
        lint = new LintHarness(root, devUrl(), BASE);
    }

    @Test
    void implicitFillOfANewNotNullColumn() throws Exception {
        Diagnostic d = only(lint.findings(WAIT + "ALTER TABLE users ADD COLUMN age int NOT NULL;"));
        assertEquals("MY101", d.code());
        assertTrue(d.message().contains("users.age") && d.message().contains("get 0"), d.message());
        assertEquals(List.of("MY101 2"), lint.codes(WAIT + "ALTER TABLE users ADD COLUMN kind enum('a','b') NOT NULL;"));
        assertEquals(List.of(), lint.codes(WAIT + "ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;"));
        assertEquals(List.of(), lint.codes(WAIT + "CREATE TABLE pets (id int NOT NULL, name varchar(9) NOT NULL);"));
    }

    @Test
    void anAlterTheServerRunsByCopyingTheTable() throws Exception {
        Diagnostic d = only(lint.findings(WAIT + "ALTER TABLE users MODIFY legacy bigint;"));
        assertEquals("MY501", d.code());
        assertTrue(d.message().contains("copies table users"), d.message());
        assertEquals(List.of(), lint.codes(WAIT + "ALTER TABLE users ADD COLUMN note varchar(20);"));
        assertEquals(List.of(), lint.codes(WAIT + "ALTER TABLE users ADD INDEX users_name (name);"));
        // The probe leaves nothing behind: the file's own changes are all there is.
        assertEquals(List.of("modify_column"), lint.report(WAIT + "ALTER TABLE users MODIFY legacy bigint;").files()
                .get(0).changes().stream().map(c -> c.kind()).filter(k -> !k.equals("modify_table")).toList());
    }

    @Test
    void aCopiedTableNoOnlineToolCanTakeEither() throws Exception {
        // audit has no primary key: gh-ost and pt-online-schema-change have nothing to chunk by.
        assertEquals(List.of("MY501 2", "MY510 2"), lint.codes(WAIT + "ALTER TABLE audit MODIFY id varchar(20);"));
        assertTrue(lint.findings(WAIT + "ALTER TABLE audit MODIFY id varchar(20);").get(1).message()
                .contains("no primary key"));
        assertEquals(List.of("MY501 2"), lint.codes(WAIT + "ALTER TABLE users MODIFY legacy bigint;"));
    }

    @Test
    void anAlterTheServerRunsByRebuildingTheTableInPlace() throws Exception {
        Diagnostic d = only(lint.findings(WAIT + "ALTER TABLE users FORCE;"));
        assertEquals("MY503", d.code());
        assertTrue(d.message().contains("rebuilds table users in place"), d.message());
    }

    @Test
    void enumAndSetChanges() throws Exception {
        String base = WAIT + "ALTER TABLE audit ADD COLUMN kind enum('a','b','c'), ADD COLUMN tags set('x','y');\n";
        // Each case is the second DDL statement of its file: MY511 joins, and says nothing about the ENUM.
        assertEquals(List.of("MY110 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY kind enum('a','b');"));
        assertEquals(List.of("MY111 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY kind enum('b','a','c');"));
        assertEquals(List.of("MY112 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY kind enum('z','a','b','c');"));
        assertEquals(List.of("MY120 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY tags set('x');"));
        assertEquals(List.of("MY123 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY tags set("
                + "'x','y','3','4','5','6','7','8','9');"));
        assertEquals(List.of("MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY kind enum('a','b','c','d');"));
        assertEquals(List.of("MY121 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY tags set('y','x');"));
        assertEquals(List.of("MY122 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY tags set('w','x','y');"));
        assertEquals(List.of("MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY tags set('x','y','z');"));
        String many = java.util.stream.IntStream.rangeClosed(4, 256).mapToObj(i -> ",'m" + i + "'")
                .collect(java.util.stream.Collectors.joining());
        assertEquals(List.of("MY113 3", "MY511 3"), lint.codes(base + "ALTER TABLE audit MODIFY kind enum('a','b','c'"
                + many + ");"));
    }

    @Test
    void notNullWhileSqlModeIsNotStrict() throws Exception {
        Diagnostic d = only(lint.findings(WAIT + "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION';\n"
                + "ALTER TABLE audit MODIFY id bigint NOT NULL;").stream().filter(x -> x.code().equals("MY508")).toList());
        assertTrue(d.message().contains("audit.id"), d.message());
        assertTrue(lint.codes(WAIT + "SET SESSION sql_mode = 'STRICT_TRANS_TABLES';\n"
                + "ALTER TABLE audit MODIFY id bigint NOT NULL;").stream().noneMatch(c -> c.startsWith("MY508")));
    }

    @Test
    void tablesOutsideInnoDb() throws Exception {
        assertEquals(List.of("MY509 2"), lint.codes(WAIT + "CREATE TABLE cache (k int) ENGINE=MyISAM;"));
        assertEquals(List.of(), lint.codes(WAIT + "CREATE TABLE cache (k int) ENGINE=InnoDB;"));
    }

    @Test
    void explicitCopyOrLock() throws Exception {
        assertEquals(List.of("MY502 2"), lint.codes(WAIT + "ALTER TABLE users ADD COLUMN note varchar(20), ALGORITHM=COPY;"));
        assertEquals(List.of("MY502 2"), lint.codes(WAIT + "ALTER TABLE users ADD INDEX users_name (name), LOCK=EXCLUSIVE;"));
        assertEquals(List.of(), lint.codes(WAIT + "ALTER TABLE users ADD INDEX users_name (name), ALGORITHM=INPLACE, LOCK=NONE;"));
    }

    @Test
    void expressionDefault() throws Exception {
        assertEquals(List.of("MY504 2"), lint.codes(WAIT + "ALTER TABLE users ADD COLUMN token varchar(40) DEFAULT (uuid());"));
        assertEquals(List.of(), lint.codes(WAIT + "ALTER TABLE users ADD COLUMN token varchar(40) DEFAULT 'none';"));
    }

    @Test
    void autoIncrementColumn() throws Exception {
        assertTrue(lint.codes(WAIT + "ALTER TABLE audit ADD COLUMN seq int NOT NULL AUTO_INCREMENT UNIQUE;").contains("MY505 2"));
        assertEquals(List.of(), lint.codes(WAIT + "CREATE TABLE seqs (seq int NOT NULL AUTO_INCREMENT PRIMARY KEY);"));
    }

    @Test
    void foreignKeyOnAnExistingTable() throws Exception {
        String add = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);";
        Diagnostic d = only(lint.findings(WAIT + add));
        assertEquals("MY506", d.code());
        assertTrue(d.message().contains("orders_user_fk") && d.message().contains("users"), d.message());
        assertEquals(List.of(), lint.codes(WAIT + "SET foreign_key_checks = 0;\n" + add + "\nSET foreign_key_checks = 1;"));
    }

    @Test
    void checkOnAnExistingTable() throws Exception {
        assertEquals(List.of("MY507 2"), lint.codes(WAIT + "ALTER TABLE users ADD CONSTRAINT name_set CHECK (name <> '');"));
        assertEquals(List.of(), lint.codes(WAIT + "CREATE TABLE tags (name varchar(9), CONSTRAINT tag_set CHECK (name <> ''));"));
    }

    @Test
    void severalDdlStatementsInOneFile() throws Exception {
        assertEquals(List.of("MY511 3"), lint.codes(WAIT + "CREATE TABLE a (id int);\nCREATE TABLE b (id int);"));
        assertEquals(List.of(), lint.codes(WAIT + "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);"));
    }

    @Test
    void ddlWithoutALockWaitTimeout() throws Exception {
        Diagnostic d = only(lint.findings("ALTER TABLE users ADD COLUMN note varchar(20);"));
        assertEquals("MY512", d.code());
        assertFalse(d.fixes().isEmpty());
        assertEquals(List.of(), lint.codes(WAIT + "ALTER TABLE users ADD COLUMN note varchar(20);"));
        assertEquals(List.of(), lint.codes("CREATE TABLE fresh (id int);")); // nobody waits on a new table
    }

    @Test
    void inlineReferencesCreateAForeignKeyOnMariaDb() throws Exception {
        // MariaDB 10.5+ honours a column-level REFERENCES, so MY102 has nothing to say there.
        LintReport report = lint.report(WAIT + "CREATE TABLE items (id int PRIMARY KEY, user_id bigint REFERENCES users (id));");
        assertEquals(List.of(), report.diagnostics());
        assertTrue(report.files().get(0).changes().stream().anyMatch(c -> c.kind().equals("add_table")));
    }

    @Test
    void dialectNeutralRules() throws Exception {
        assertEquals(List.of("DS102 2"), lint.codes(WAIT + "DROP TABLE audit;"));
        assertEquals(List.of("DS103 2"), lint.codes(WAIT + "ALTER TABLE users DROP COLUMN legacy;"));
        assertEquals(List.of("BC101 2"), lint.codes(WAIT + "RENAME TABLE audit TO audit_log;"));
        assertEquals(List.of("BC102 2"), lint.codes(WAIT + "ALTER TABLE users RENAME COLUMN code TO coupon;"));
        assertEquals(List.of("BC102 2"), lint.codes(WAIT + "ALTER TABLE users CHANGE code coupon varchar(10);"));
        assertEquals(List.of("MF101 2"), lint.codes(WAIT + "ALTER TABLE users ADD UNIQUE INDEX users_code (code);"));
        // MariaDB rebuilds the table to make a column NOT NULL (MY503).
        assertEquals(List.of("MF104 2", "MY503 2"), lint.codes(WAIT + "ALTER TABLE users MODIFY name varchar(50) NOT NULL;"));
    }

    @Test
    void aFailedFileSaysWhatStayedApplied() throws Exception {
        LintReport report = lint.report(WAIT + "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b int;\n"
                + "ALTER TABLE nowhere ADD COLUMN c int;");
        Diagnostic d = only(report.diagnostics().stream().filter(x -> x.code().equals("DI509")).toList());
        assertTrue(d.message().contains("nowhere"), d.message());
        assertTrue(d.message().contains("3 statements before it stayed applied (lines 1, 2, 3): a rerun of the file must"
                + " skip them"), d.message());
    }

    static Diagnostic only(List<Diagnostic> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }
}
