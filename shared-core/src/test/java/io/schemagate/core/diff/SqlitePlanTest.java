package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.plan.Plan.PlannedStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite planner, end to end on in-memory databases: plan, write the files, plan again → nothing left. Changes
 * ALTER TABLE cannot make are table rebuilds that keep the rows.
 */
class SqlitePlanTest {
    @TempDir
    Path temp;

    private PlanHarness plans() {
        return new PlanHarness(temp, "sqlite://plan?mode=memory");
    }

    @Test
    void aWholeSchemaFromAnEmptyDirectory() throws Exception {
        String plan = plans().planWriteAndReplan(plans().directory(), """
                CREATE TABLE users (
                  id INTEGER PRIMARY KEY,
                  email TEXT NOT NULL UNIQUE,
                  name TEXT COLLATE NOCASE DEFAULT 'nobody',
                  score REAL CHECK (score >= 0),
                  email_lower TEXT GENERATED ALWAYS AS (lower(email)) VIRTUAL
                );
                CREATE TABLE orders (
                  id INTEGER PRIMARY KEY,
                  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                  total NUMERIC NOT NULL,
                  CONSTRAINT positive_total CHECK (total > 0)
                );
                CREATE INDEX orders_user ON orders (user_id);
                CREATE UNIQUE INDEX users_lower ON users (lower(email)) WHERE email <> '';
                CREATE VIEW active_users AS SELECT id, email FROM users WHERE email <> '';
                CREATE VIEW active_user_count AS SELECT count(*) AS n FROM active_users;
                CREATE TRIGGER orders_touch AFTER INSERT ON orders BEGIN SELECT 1; END;
                """);
        assertTrue(plan.indexOf("CREATE VIEW active_users") < plan.indexOf("CREATE VIEW active_user_count"), plan);
    }

    @Test
    void whatAlterCannotDoIsARebuildThatKeepsTheRows() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy TEXT, age INTEGER);
                INSERT INTO users (id, email, age) VALUES (1, 'a@example.com', 30);
                CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);
                INSERT INTO notes VALUES (1, 1, 'hello');
                CREATE INDEX users_age ON users (age);
                CREATE VIEW adults AS SELECT id FROM users WHERE age >= 18;
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, age INTEGER CHECK (age >= 0),
                                    nickname TEXT);
                CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);
                CREATE INDEX users_age ON users (age);
                CREATE VIEW adults AS SELECT id FROM users WHERE age >= 18;
                """);
        assertTrue(plan.contains("-- atlas:txmode none\n"), "foreign_keys can only change outside a transaction: " + plan);
        assertTrue(plan.indexOf("PRAGMA foreign_keys = OFF") < plan.indexOf("DROP TABLE users"), plan);
        assertTrue(plan.indexOf("PRAGMA foreign_key_check") < plan.indexOf("PRAGMA foreign_keys = ON"), plan);
        assertTrue(plan.contains("INSERT INTO _schemagate_new_users (id, email, age) SELECT id, email, age FROM users"),
                plan);
        assertTrue(plan.indexOf("DROP VIEW adults") < plan.indexOf("DROP TABLE users"), plan);
        assertTrue(plan.indexOf("ALTER TABLE _schemagate_new_users RENAME TO users") < plan.indexOf("CREATE VIEW adults"),
                plan);
    }

    @Test
    void aPlainColumnIsAddedAndDroppedInPlace() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, old TEXT);\n");

        String plan = plans().planWriteAndReplan(dir, "CREATE TABLE t (id INTEGER PRIMARY KEY, fresh TEXT DEFAULT 'x');\n");

        assertTrue(plan.contains("ALTER TABLE t DROP COLUMN old"), plan);
        assertTrue(plan.contains("ALTER TABLE t ADD COLUMN fresh TEXT DEFAULT 'x'"), plan);
        assertFalse(plan.contains("_schemagate_new_"), plan);
    }

    /**
     * The rebuild run as an application with foreign keys on would run it: the rows that reference the rebuilt table
     * survive (with foreign keys on, dropping the old table would otherwise cascade to them).
     */
    @Test
    void aRebuildKeepsTheRowsThatReferenceTheTableWithForeignKeysOn() throws Exception {
        String base = """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);
                CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
                """;
        MigrationDir dir = plans().directory("1_base.sql", base);
        DiffResult result = plans().diff(dir, """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '');
                CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
                """);
        assertEquals(List.of(), result.residual());
        Path file = temp.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            for (String sql : base.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com')");
            s.execute("INSERT INTO posts VALUES (1, 1), (2, 2)");
            for (PlannedStatement statement : result.plan().statements()) {
                s.execute(statement.sql()); // outside a transaction, as the file's txmode none says
            }
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM posts)")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
                assertEquals(2, rs.getInt(2), "the posts survived the rebuild of users");
            }
        }
    }

    @Test
    void aNameWithALineBreakCannotEndTheHeaderCommentAndBecomeAStatement() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, a TEXT);\n");

        DiffResult result = plans().diff(dir,
                "CREATE TABLE users (id INTEGER PRIMARY KEY, \"b\nDELETE FROM users;--\" TEXT);\n");

        String text = result.files().get(0).text();
        // The header: every line up to the first statement is a comment (the name stays inside its quotes below).
        List<String> header = text.lines().takeWhile(line -> !line.startsWith("ALTER") && !line.startsWith("CREATE"))
                .toList();
        assertTrue(header.stream().allMatch(line -> line.startsWith("-- ") || line.isEmpty()), text);
        assertTrue(header.stream().anyMatch(line -> line.contains("DELETE FROM users;--")), text);
        assertTrue(result.plan().notes().stream().anyMatch(n -> n.contains("DELETE FROM users;--")), "the note is kept,"
                + " on one line: " + result.plan().notes());
    }

    @Test
    void aFileDevUrlCannotPlanAndSaysWhichUrlCan() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        Path schema = Files.writeString(temp.resolve("schema.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n");

        PlanException e = assertThrows(PlanException.class, () -> MigrateDiff.run(
                new DiffRequest(dir, new AtlasFormat(), new DesiredSchema(schema),
                        DevUrl.parse("sqlite://" + temp.resolve("dev.db")), DevSettings.defaults(), PlanOptions.SAFE),
                "next", PlanHarness.NOW));

        assertTrue(e.getMessage().endsWith("names one file: use sqlite://NAME?mode=memory"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("dev.db")));
    }

    /** AUTOINCREMENT, WITHOUT ROWID and STRICT are kept by new tables and made by a rebuild that keeps the rows. */
    @Test
    void tableOptionsAreCreatedAndRebuilt() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE tags (name TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
                INSERT INTO events (name) VALUES ('a'), ('b');
                INSERT INTO tags VALUES ('x', 1);
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
                CREATE TABLE tags (name TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID, STRICT;
                CREATE TABLE counters (k TEXT NOT NULL PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID;
                """);
        assertTrue(plan.contains("PRIMARY KEY AUTOINCREMENT"), plan);
        assertTrue(plan.contains(") WITHOUT ROWID, STRICT;"), plan);
        assertTrue(plan.contains("INSERT INTO _schemagate_new_events (id, name) SELECT id, name FROM events"), plan);
        assertTrue(plan.matches("(?s).*CREATE TABLE counters \\([^;]*\\) WITHOUT ROWID;.*"), plan);
    }

    /**
     * A rebuilt AUTOINCREMENT table keeps the highest id it ever handed out, not only the highest left; the table-level
     * form PRIMARY KEY (id AUTOINCREMENT) is AUTOINCREMENT too.
     */
    @Test
    void aRebuildKeepsTheAutoincrementCounter() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE events (id INTEGER, name TEXT, PRIMARY KEY (id AUTOINCREMENT));
                INSERT INTO events (name) VALUES ('a'), ('b'), ('c'), ('d');
                DELETE FROM events WHERE id > 2;
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL DEFAULT '');
                """);
        assertTrue(plan.contains("UPDATE sqlite_sequence"), plan);

        Path db = temp.resolve("applied.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (var files = Files.list(dir.path())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                    for (String statement : Files.readString(file).split(";\\s*\\n")) {
                        String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
                        if (!sql.isBlank()) {
                            s.execute(sql);
                        }
                    }
                }
            }
            s.execute("INSERT INTO events (name) VALUES ('e')");
            try (ResultSet rs = s.executeQuery("SELECT max(id) FROM events")) {
                rs.next();
                assertEquals(5, rs.getInt(1), "ids 3 and 4 were handed out before the rebuild");
            }
        }
    }

    /**
     * The desired schema may be an existing SQLite file, opened read only: the plan reaches it and the file is not
     * changed. A link, a missing file and an in-memory URL are refused, each with a one-line reason.
     */
    @Test
    void theDesiredSchemaMayBeAnExistingDatabaseFile() throws Exception {
        Path file = temp.resolve("desired.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '')");
            s.execute("CREATE INDEX users_email ON users (email)");
        }
        byte[] before = Files.readAllBytes(file);
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        DiffRequest request = new DiffRequest(dir, new AtlasFormat(), DesiredSchema.parse("sqlite://" + file),
                DevUrl.parse("sqlite://plan?mode=memory"), DevSettings.defaults(), PlanOptions.SAFE);

        DiffResult first = MigrateDiff.run(request, "next", PlanHarness.NOW);

        assertEquals(List.of(), first.residual(), PlanHarness.text(first));
        PlanFiles.write(dir, new AtlasFormat(), first.files());
        assertTrue(MigrateDiff.run(request, "next", PlanHarness.NOW).plan().isEmpty());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the desired database is not changed");

        Path link = Files.createSymbolicLink(temp.resolve("link.db"), file);
        Path linkedFolder = Files.createSymbolicLink(temp.resolve("linked"), temp);
        Path empty = Files.createFile(temp.resolve("empty.db"));
        Files.writeString(temp.resolve("link.db?cache_size=1"), "not a database");
        for (String url : List.of("sqlite://" + link, "sqlite://" + temp.resolve("missing.db"),
                "sqlite://" + linkedFolder.resolve("desired.db"), "sqlite://" + empty,
                "sqlite://" + temp + "/link.db%3Fcache_size=1", "sqlite://" + temp + "/a%00b.db")) {
            Exception e = assertThrows(Exception.class, () -> MigrateDiff.run(new DiffRequest(dir, new AtlasFormat(),
                    DesiredSchema.parse(url), DevUrl.parse("sqlite://plan?mode=memory"), DevSettings.defaults(),
                    PlanOptions.SAFE), "next", PlanHarness.NOW));
            assertTrue(e instanceof PlanException || e instanceof DevDatabaseException, url + ": " + e);
            assertTrue(e.getMessage().startsWith("sqlite://" + temp), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertFalse(Files.exists(temp.resolve("missing.db")), "a missing desired database is not created");

        // A WAL database is read without creating its -wal and -shm files next to it.
        Path wal = temp.resolve("wal.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + wal); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
        }
        try (var listing = Files.list(temp)) {
            assertEquals(List.of(), listing.filter(p -> p.toString().startsWith(wal + "-")).toList());
        }
        DiffResult fromWal = MigrateDiff.run(new DiffRequest(dir, new AtlasFormat(), DesiredSchema.parse("sqlite://" + wal),
                DevUrl.parse("sqlite://plan?mode=memory"), DevSettings.defaults(), PlanOptions.SAFE), "next",
                PlanHarness.NOW);
        assertTrue(PlanHarness.text(fromWal).contains("INSERT INTO _schemagate_new_users (id) SELECT id FROM users"),
                PlanHarness.text(fromWal));
        try (var listing = Files.list(temp)) {
            assertEquals(List.of(), listing.filter(p -> p.toString().startsWith(wal + "-")).toList(),
                    "nothing is written next to the desired database");
        }
        PlanException memory = assertThrows(PlanException.class, () -> DesiredSchema.parse("sqlite://x?mode=memory"));
        assertTrue(memory.getMessage().contains("the desired schema is file://"), memory.getMessage());
    }
}
