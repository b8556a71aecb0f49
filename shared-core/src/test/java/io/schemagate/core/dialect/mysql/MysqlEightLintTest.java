package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.testing.LintHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where MySQL 8 behaves differently from MariaDB. MySQL 8 cannot be installed on the project's machines, so these run
 * only when {@code SCHEMAGATE_TEST_MYSQL8_URL} names a MySQL 8 dev URL (e.g. {@code mysql://root:pw@127.0.0.1:3307/}),
 * and are skipped otherwise, also under CI.
 */
class MysqlEightLintTest {
    private static final String URL = System.getenv("SCHEMAGATE_TEST_MYSQL8_URL");

    @TempDir
    Path root;
    LintHarness lint;

    @BeforeEach
    void harness() {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(), "SCHEMAGATE_TEST_MYSQL8_URL is not set: no MySQL 8 to test on");
        lint = new LintHarness(root, URL, MysqlRulesContract.BASE);
    }

    @Test
    void inlineReferencesAreIgnoredByMysql() throws Exception {
        Diagnostic d = MysqlRulesContract.only(lint.findings(MysqlRulesContract.WAIT
                + "CREATE TABLE items (id int PRIMARY KEY, user_id bigint REFERENCES users (id));"));
        assertEquals("MY102", d.code());
        assertEquals(List.of(), lint.codes(MysqlRulesContract.WAIT + "CREATE TABLE items (id int PRIMARY KEY,"
                + " user_id bigint, FOREIGN KEY (user_id) REFERENCES users (id));"));
    }

    @Test
    void aNotNullDateColumnFailsOnMysqlInsteadOfBeingFilled() throws Exception {
        assertEquals(List.of("MF103 2"), lint.codes(MysqlRulesContract.WAIT + "ALTER TABLE users ADD COLUMN born date NOT NULL;"));
        assertEquals(List.of("MY101 2"), lint.codes(MysqlRulesContract.WAIT + "ALTER TABLE users ADD COLUMN age int NOT NULL;"));
        assertEquals(List.of(), lint.codes(MysqlRulesContract.WAIT + "ALTER TABLE users ADD COLUMN bio text NOT NULL;"));
    }

    @Test
    void anAddColumnThatCannotBeInstantIsReported() throws Exception {
        LintHarness compressed = new LintHarness(root, URL,
                "CREATE TABLE packed (id int PRIMARY KEY, body text) ROW_FORMAT=COMPRESSED;");
        assertTrue(compressed.codes(MysqlRulesContract.WAIT + "ALTER TABLE packed ADD COLUMN note varchar(20);")
                .contains("MY513 2"));
    }

    @Test
    void aTypeChangeCopiesTheTable() throws Exception {
        Diagnostic d = MysqlRulesContract.only(lint.findings(MysqlRulesContract.WAIT + "ALTER TABLE users MODIFY legacy bigint;"));
        assertEquals("MY501", d.code());
        assertTrue(d.message().contains("copies table users"), d.message());
    }
}
