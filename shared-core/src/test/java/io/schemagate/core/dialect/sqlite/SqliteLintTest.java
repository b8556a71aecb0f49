package io.schemagate.core.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.testing.LintHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate lint} on an in-memory SQLite: a bad and a good case per SQLite rule, and the neutral rules. */
class SqliteLintTest {
    static final String BASE = """
            CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, legacy INTEGER, code TEXT);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));
            CREATE TABLE audit (id INTEGER);
            """;
    /** SQLite's 12-step rebuild of users making name NOT NULL, done by the book; %s is the copied name. */
    static final String REBUILD = """
            -- atlas:txmode none

            PRAGMA foreign_keys = OFF;
            BEGIN;
            CREATE TABLE new_users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, legacy INTEGER, code TEXT);
            INSERT INTO new_users (id, name, legacy, code) SELECT id, %s, legacy, code FROM users;
            DROP TABLE users;
            ALTER TABLE new_users RENAME TO users;
            COMMIT;
            PRAGMA foreign_key_check;
            PRAGMA foreign_keys = ON;
            """;

    @TempDir
    Path root;
    LintHarness lint;

    @BeforeEach
    void harness() {
        lint = new LintHarness(root, "sqlite://dev?mode=memory", BASE);
    }

    @Test
    void aRebuildThatMakesAColumnNotNull() throws Exception {
        Diagnostic d = only(lint.findings(String.format(REBUILD, "name")));
        assertEquals("LT101", d.code());
        assertEquals(8, d.position().line());
        assertTrue(d.message().contains("column name NOT NULL"), d.message());
        assertEquals(List.of(), lint.codes(String.format(REBUILD, "IFNULL(name, '')")));
    }

    @Test
    void aRebuildWithoutForeignKeysOff() throws Exception {
        String inTransaction = """
                CREATE TABLE new_audit (id INTEGER NOT NULL DEFAULT 0);
                INSERT INTO new_audit SELECT id FROM audit;
                DROP TABLE audit;
                ALTER TABLE new_audit RENAME TO audit;
                """;
        Diagnostic d = only(lint.findings(inTransaction));
        assertEquals("LT502", d.code());
        assertEquals(3, d.position().line());
        assertTrue(d.message().contains("without PRAGMA foreign_keys = OFF"), d.message());
        Diagnostic ignored = only(lint.findings("PRAGMA foreign_keys = OFF;\n" + inTransaction));
        assertTrue(ignored.message().contains("inside a transaction"), ignored.message());
        assertEquals(List.of(), lint.codes(String.format(REBUILD, "IFNULL(name, '')")));
    }

    @Test
    void dialectNeutralRules() throws Exception {
        assertEquals(List.of("DS102 1"), lint.codes("DROP TABLE audit;"));
        assertEquals(List.of("DS103 1"), lint.codes("ALTER TABLE users DROP COLUMN legacy;"));
        assertEquals(List.of("BC101 1"), lint.codes("ALTER TABLE audit RENAME TO audit_log;"));
        assertEquals(List.of("BC102 1"), lint.codes("ALTER TABLE users RENAME COLUMN code TO coupon;"));
        assertEquals(List.of("MF101 1"), lint.codes("CREATE UNIQUE INDEX users_code ON users (code);"));
        String rebuildOrders = """
                -- atlas:txmode none

                PRAGMA foreign_keys = OFF;
                CREATE TABLE new_orders (id INTEGER PRIMARY KEY, user_id INTEGER);
                INSERT INTO new_orders SELECT id, user_id FROM orders;
                DROP TABLE orders;
                ALTER TABLE new_orders RENAME TO orders;
                PRAGMA foreign_key_check;
                """;
        assertEquals(List.of("CD101 6"), lint.codes(rebuildOrders));
        assertEquals(List.of("DS103 6"), lint.codes(rebuildOrders.replace("id INTEGER PRIMARY KEY, user_id INTEGER",
                "id INTEGER PRIMARY KEY").replace("SELECT id, user_id", "SELECT id")));
        assertEquals(List.of(), lint.codes("CREATE TABLE pets (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"));
    }

    @Test
    void aNotNullColumnWithoutDefault() throws Exception {
        // SQLite accepts it on the empty dev table and refuses it on a table with rows.
        assertEquals(List.of("MF103 1"), lint.codes("ALTER TABLE users ADD COLUMN age INTEGER NOT NULL;"));
        assertEquals(List.of(), lint.codes("ALTER TABLE users ADD COLUMN age INTEGER NOT NULL DEFAULT 0;"));
    }

    @Test
    void anAddColumnSQLiteRefusesOnATableWithRows() throws Exception {
        Diagnostic d = only(lint.findings("ALTER TABLE users ADD COLUMN stamp TEXT DEFAULT CURRENT_TIMESTAMP;"));
        assertEquals("LT501", d.code());
        assertTrue(d.message().contains("non-constant default CURRENT_TIMESTAMP"), d.message());
        assertEquals(List.of(), lint.codes("ALTER TABLE users ADD COLUMN stamp TEXT DEFAULT '1970-01-01';"));
        assertEquals(List.of(), lint.codes("CREATE TABLE log (at TEXT DEFAULT CURRENT_TIMESTAMP);"));
    }

    @Test
    void anAlterSQLiteRefusesOutrightStopsTheReplay() throws Exception {
        Diagnostic add = only(lint.findings("ALTER TABLE users ADD COLUMN serial INTEGER UNIQUE;\nDROP TABLE audit;"));
        assertEquals("LT501", add.code());
        assertTrue(add.message().contains("UNIQUE") && add.message().contains("rebuild the table"), add.message());
        Diagnostic drop = only(lint.findings("CREATE INDEX users_legacy ON users (legacy);\n"
                + "ALTER TABLE users DROP COLUMN legacy;"));
        assertEquals("LT503", drop.code());
        assertEquals(2, drop.position().line());
        Diagnostic other = only(lint.findings("INSERT INTO nowhere VALUES (1);"));
        assertEquals("DI509", other.code());
    }

    private static Diagnostic only(List<Diagnostic> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }
}
