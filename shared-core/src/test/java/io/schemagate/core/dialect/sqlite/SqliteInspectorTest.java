package io.schemagate.core.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.replay.Inspector;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.Column.Generated;
import io.schemagate.core.schema.Column.Identity;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.IndexPart;
import io.schemagate.core.schema.PrimaryKey;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Schema;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.ModifyColumn;
import io.schemagate.core.schema.SchemaChange.ModifyTable;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.UniqueConstraint;
import io.schemagate.core.schema.View;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQLite inspector on a real in-memory database: every attribute it reads, and the changes the differ finds between
 * two inspections around the statements migrations run on SQLite. SQLite runs in-process (the driver carries the
 * library), so nothing is skipped.
 */
class SqliteInspectorTest {

    /** Used as the replay uses it. */
    private static final Inspector INSPECTOR = SqliteInspector::inspect;

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private void execute(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private Catalog inspect() throws SQLException {
        return INSPECTOR.inspect(connection);
    }

    private Table table(String name) throws SQLException {
        return inspect().table(SqliteInspector.SCHEMA, name).orElseThrow();
    }

    /** Each change as {@code kind object}, in the differ's order. */
    private static List<String> summary(List<SchemaChange> changes) {
        return changes.stream().map(c -> c.kind() + " " + c.object()).toList();
    }

    /** The changes {@code statements} make, between an inspection before and one after them. */
    private List<SchemaChange> changes(String... statements) throws SQLException {
        Catalog before = inspect();
        execute(statements);
        return SchemaDiff.diff(before, inspect());
    }

    // ---- what is inspected ------------------------------------------------------------------------------------------

    @Test
    void emptyDatabaseHasOnlyAnEmptyMainSchema() throws SQLException {
        Catalog catalog = inspect();
        assertEquals(List.of(SqliteInspector.SCHEMA), catalog.schemas().stream().map(Schema::name).toList());
        assertTrue(catalog.schemas().get(0).isEmpty());
        assertEquals(0, catalog.schemas().get(0).oid());
    }

    @Test
    void internalTemporaryAttachedAndShadowTablesAreLeftOut() throws SQLException {
        execute("CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT)", // makes sqlite_sequence
                "CREATE TABLE a (x TEXT UNIQUE)", // makes sqlite_autoindex_a_1
                "ANALYZE", // makes sqlite_stat1
                "CREATE TEMP TABLE scratch (x)",
                "ATTACH DATABASE ':memory:' AS other",
                "CREATE TABLE other.elsewhere (x)",
                "CREATE VIRTUAL TABLE docs USING fts5(body)");
        Schema main = inspect().schemas().get(0);
        assertEquals(List.of("a", "counter", "docs"), main.tables().stream().map(Table::name).toList());
        Table docs = main.table("docs").orElseThrow();
        assertEquals(Table.Kind.FOREIGN, docs.kind());
        assertEquals(0, docs.relfilenode());
        assertEquals(List.of(Column.of(0, "body", "", false)), docs.columns());
        assertEquals(List.of("a_x_key"), main.table("a").orElseThrow().indexes().stream().map(Index::name).toList());
    }

    @Test
    void columns() throws SQLException {
        execute("""
                CREATE TABLE t (
                    id integer PRIMARY KEY,
                    "we""ird col" text COLLATE nocase NOT NULL DEFAULT 'x',
                    "My Type" Big   Fancy Type(3, 4),
                    untyped,
                    price REAL DEFAULT -1.5,
                    at TEXT DEFAULT (datetime('now')),
                    g INT GENERATED ALWAYS AS (id * 2) VIRTUAL,
                    "s ""t" INT AS (length("we""ird col") + (id)) STORED,
                    c varchar(20) CONSTRAINT c_nn NOT NULL COLLATE "BINARY" CHECK (c <> ')')
                )""");
        assertEquals(List.of(
                new Column(0, "id", "INTEGER", true, null, Identity.BY_DEFAULT, Generated.NONE, null, null),
                new Column(0, "we\"ird col", "TEXT", true, "'x'", Identity.NONE, Generated.NONE, null, "nocase"),
                Column.of(0, "My Type", "Big   Fancy Type(3, 4)", false),
                Column.of(0, "untyped", "", false),
                new Column(0, "price", "REAL", false, "-1.5", Identity.NONE, Generated.NONE, null, null),
                new Column(0, "at", "TEXT", false, "datetime('now')", Identity.NONE, Generated.NONE, null, null),
                new Column(0, "g", "INT", false, null, Identity.NONE, Generated.VIRTUAL, "id * 2", null),
                new Column(0, "s \"t", "INT", false, null, Identity.NONE, Generated.STORED,
                        "length(\"we\"\"ird col\") + (id)", null),
                new Column(0, "c", "varchar(20)", true, null, Identity.NONE, Generated.NONE, null, "BINARY")),
                table("t").columns());
    }

    @Test
    void theRowidAliasIsAnIdentityOtherKeysAreNot() throws SQLException {
        execute("CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, x)",
                "CREATE TABLE alias (id INTEGER NOT NULL, x, PRIMARY KEY (id))",
                "CREATE TABLE big (id BIGINT PRIMARY KEY)", // not INTEGER: an ordinary key with an index
                "CREATE TABLE descending (id INTEGER PRIMARY KEY DESC)", // SQLite's quirk: not the rowid
                "CREATE TABLE narrow (id INTEGER PRIMARY KEY, x) WITHOUT ROWID",
                "CREATE TABLE named (k TEXT PRIMARY KEY)");
        Catalog c = inspect();
        assertEquals(new Column(0, "id", "INTEGER", true, null, Identity.BY_DEFAULT, Generated.NONE, null, null),
                c.table(SqliteInspector.SCHEMA, "auto").orElseThrow().columns().get(0));
        assertEquals(Identity.BY_DEFAULT, c.table(SqliteInspector.SCHEMA, "alias").orElseThrow().columns().get(0).identity());
        assertEquals(Column.of(0, "id", "BIGINT", false), c.table(SqliteInspector.SCHEMA, "big").orElseThrow().columns().get(0));
        assertEquals(Identity.NONE, c.table(SqliteInspector.SCHEMA, "descending").orElseThrow().columns().get(0).identity());
        // WITHOUT ROWID enforces NOT NULL on the key, and SQLite reports it.
        assertEquals(Column.of(0, "id", "INTEGER", true), c.table(SqliteInspector.SCHEMA, "narrow").orElseThrow().columns().get(0));
        // A text key of a rowid table may hold NULL (SQLite's legacy), and is reported nullable.
        assertEquals(Column.of(0, "k", "TEXT", false), c.table(SqliteInspector.SCHEMA, "named").orElseThrow().columns().get(0));
    }

    @Test
    void primaryKeys() throws SQLException {
        execute("CREATE TABLE pair (a INT, b INT, c INT, PRIMARY KEY (b, a))",
                "CREATE TABLE named (id TEXT CONSTRAINT named_id PRIMARY KEY)",
                "CREATE TABLE rowid_key (id INTEGER PRIMARY KEY)",
                "CREATE TABLE keyless (x)");
        Table pair = table("pair");
        assertEquals(new PrimaryKey(0, "pair_pkey", List.of("b", "a"), 0, "PRIMARY KEY (b, a)"), pair.primaryKey());
        Index index = pair.index("pair_pkey").orElseThrow();
        assertTrue(index.primary() && index.unique());
        assertEquals("pair_pkey", index.constraint());
        assertEquals(List.of("b", "a"), index.columns());
        assertNotEquals(0, index.relfilenode());

        assertEquals("named_id", table("named").primaryKey().name());
        assertEquals(List.of("named_id"), table("named").indexes().stream().map(Index::name).toList());
        // The rowid is the key itself: no index.
        assertEquals(List.of("id"), table("rowid_key").primaryKey().columns());
        assertEquals(List.of(), table("rowid_key").indexes());
        assertNull(table("keyless").primaryKey());
    }

    @Test
    void uniqueConstraintsAndUniqueIndexes() throws SQLException {
        execute("""
                CREATE TABLE t (
                    a INT UNIQUE,
                    b INT,
                    c INT CONSTRAINT c_once UNIQUE,
                    CONSTRAINT pair_once UNIQUE (a, b),
                    UNIQUE (b COLLATE nocase, c DESC)
                )""",
                "CREATE UNIQUE INDEX t_b ON t (b)");
        Table t = table("t");
        assertEquals(List.of(
                new UniqueConstraint(0, "c_once", List.of("c"), 0, false, "UNIQUE (c)"),
                new UniqueConstraint(0, "pair_once", List.of("a", "b"), 0, false, "UNIQUE (a, b)"),
                new UniqueConstraint(0, "t_a_key", List.of("a"), 0, false, "UNIQUE (a)"),
                new UniqueConstraint(0, "t_b_c_key", List.of("b", "c"), 0, false, "UNIQUE (b, c)")), t.uniques());
        assertEquals(List.of("c_once", "pair_once", "t_a_key", "t_b", "t_b_c_key"),
                t.indexes().stream().map(Index::name).toList());
        Index created = t.index("t_b").orElseThrow();
        assertTrue(created.unique());
        assertNull(created.constraint());
        assertEquals("CREATE UNIQUE INDEX t_b ON t (b)", created.definition());
        Index behind = t.index("t_b_c_key").orElseThrow();
        assertEquals("t_b_c_key", behind.constraint());
        assertEquals(List.of(IndexPart.column("b"), new IndexPart("c", null, true)), behind.parts());
    }

    @Test
    void partialAndExpressionIndexes() throws SQLException {
        execute("CREATE TABLE t (\"e mail\" TEXT, v INT, w INT)",
                "CREATE INDEX ix ON t (lower(\"e mail\") COLLATE nocase DESC, v, (w + 1)) "
                        + "WHERE v > 1 AND \"e mail\" <> 'WHERE' -- why",
                "CREATE INDEX plain ON t (w)");
        Index ix = table("t").index("ix").orElseThrow();
        assertEquals(List.of(new IndexPart(null, "lower(\"e mail\")", true), IndexPart.column("v"),
                IndexPart.expression("(w + 1)")), ix.parts());
        assertEquals("v > 1 AND \"e mail\" <> 'WHERE'", ix.predicate());
        assertTrue(ix.partial() && ix.hasExpressions());
        assertFalse(ix.unique() || ix.primary());
        assertEquals("btree", ix.method());
        assertTrue(ix.definition().startsWith("CREATE INDEX ix ON t"));
        Index plain = table("t").index("plain").orElseThrow();
        assertNull(plain.predicate());
        assertEquals(List.of("w"), plain.columns());
    }

    @Test
    void foreignKeys() throws SQLException {
        execute("CREATE TABLE parent (a INT, b INT, PRIMARY KEY (a, b), UNIQUE (b, a))",
                "CREATE TABLE solo (id INTEGER PRIMARY KEY)",
                """
                CREATE TABLE child (
                    x INT REFERENCES SOLO ON DELETE CASCADE,
                    y INT CONSTRAINT y_solo REFERENCES solo(ID) ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
                    p INT, q INT,
                    FOREIGN KEY (p, q) REFERENCES parent,
                    CONSTRAINT "to parent" FOREIGN KEY (q, p) REFERENCES parent (b, a) ON DELETE SET DEFAULT
                        DEFERRABLE INITIALLY IMMEDIATE,
                    FOREIGN KEY (x) REFERENCES missing (id) ON DELETE RESTRICT NOT DEFERRABLE INITIALLY DEFERRED
                )""");
        QualifiedName solo = new QualifiedName(SqliteInspector.SCHEMA, "solo");
        QualifiedName parent = new QualifiedName(SqliteInspector.SCHEMA, "parent");
        assertEquals(List.of(
                new ForeignKey(0, "child_p_q_fkey", List.of("p", "q"), parent, List.of("a", "b"),
                        ForeignKey.Action.NO_ACTION, ForeignKey.Action.NO_ACTION, false, false, true, true,
                        "FOREIGN KEY (p, q) REFERENCES parent"),
                new ForeignKey(0, "child_x_fkey", List.of("x"), solo, List.of("id"),
                        ForeignKey.Action.NO_ACTION, ForeignKey.Action.CASCADE, false, false, true, true,
                        "FOREIGN KEY (x) REFERENCES solo ON DELETE CASCADE"),
                new ForeignKey(0, "child_x_fkey1", List.of("x"), new QualifiedName(SqliteInspector.SCHEMA, "missing"), List.of("id"),
                        ForeignKey.Action.NO_ACTION, ForeignKey.Action.RESTRICT, false, false, true, true,
                        "FOREIGN KEY (x) REFERENCES missing(id) ON DELETE RESTRICT"),
                new ForeignKey(0, "to parent", List.of("q", "p"), parent, List.of("b", "a"),
                        ForeignKey.Action.NO_ACTION, ForeignKey.Action.SET_DEFAULT, true, false, true, true,
                        "FOREIGN KEY (q, p) REFERENCES parent(b, a) ON DELETE SET DEFAULT DEFERRABLE"),
                new ForeignKey(0, "y_solo", List.of("y"), solo, List.of("id"),
                        ForeignKey.Action.SET_NULL, ForeignKey.Action.NO_ACTION, true, true, true, true,
                        "FOREIGN KEY (y) REFERENCES solo(id) ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED")),
                table("child").foreignKeys());
    }

    @Test
    void checks() throws SQLException {
        execute("""
                CREATE TABLE t (
                    price REAL CHECK (price > 0),
                    "odd ""name""\" TEXT CHECK ("odd ""name""\" <> ')' /* ( */),
                    lo INT, hi INT,
                    CONSTRAINT ordered CHECK (lo <= hi),
                    CHECK (length(hi) < 10 AND PRICE < 1e6),
                    CHECK (1 = 1)
                )""");
        assertEquals(List.of(
                new Check(0, "ordered", "lo <= hi", List.of("lo", "hi"), true, false, true, "CHECK (lo <= hi)"),
                new Check(0, "t_check", "1 = 1", List.of(), true, false, true, "CHECK (1 = 1)"),
                new Check(0, "t_hi_check", "length(hi) < 10 AND PRICE < 1e6", List.of("hi", "price"), true, false,
                        true, "CHECK (length(hi) < 10 AND PRICE < 1e6)"),
                // A comment at the end of the condition is not part of it; the ( inside it does not count.
                new Check(0, "t_odd \"name\"_check", "\"odd \"\"name\"\"\" <> ')'", List.of("odd \"name\""),
                        true, false, true, "CHECK (\"odd \"\"name\"\"\" <> ')')"),
                new Check(0, "t_price_check", "price > 0", List.of("price"), true, false, true, "CHECK (price > 0)")),
                table("t").checks());
    }

    @Test
    void viewsAndTriggers() throws SQLException {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE TABLE log (msg TEXT)",
                "CREATE VIEW \"v w\" (k, n) AS SELECT id, upper(name) AS n FROM t",
                "CREATE TRIGGER t_logged AFTER INSERT ON T BEGIN INSERT INTO log VALUES ('x; y'); END",
                "CREATE TRIGGER a_first BEFORE DELETE ON t BEGIN SELECT 1; END",
                "CREATE TRIGGER instead INSTEAD OF INSERT ON \"v w\" BEGIN INSERT INTO t (name) VALUES (new.n); END");
        Schema main = inspect().schemas().get(0);
        View v = main.view("v w").orElseThrow();
        assertEquals("SELECT id, upper(name) AS n FROM t", v.definition());
        assertNull(v.fingerprint());
        assertEquals(List.of("k", "n"), v.columns().stream().map(Column::name).toList());
        assertEquals(List.of("instead"), v.triggers().stream().map(Trigger::name).toList());
        List<Trigger> triggers = main.table("t").orElseThrow().triggers();
        assertEquals(List.of("a_first", "t_logged"), triggers.stream().map(Trigger::name).toList());
        assertEquals(new Trigger(0, "t_logged", null,
                "CREATE TRIGGER t_logged AFTER INSERT ON T BEGIN INSERT INTO log VALUES ('x; y'); END", true, null),
                triggers.get(1));
        assertEquals(List.of(), main.table("log").orElseThrow().triggers());
    }

    @Test
    void aViewWhoseTableIsGoneHasNoColumns() throws SQLException {
        execute("CREATE TABLE t (id INT)", "CREATE VIEW v AS SELECT id FROM t", "DROP TABLE t");
        View v = inspect().schemas().get(0).view("v").orElseThrow();
        assertEquals(List.of(), v.columns());
        assertEquals("SELECT id FROM t", v.definition());
    }

    @Test
    void quotedNamesEverywhere() throws SQLException {
        execute("CREATE TABLE \"odd \"\"table\"\"\" ([a b] INT PRIMARY KEY, `c``d` TEXT UNIQUE, 'e' INT "
                        + "REFERENCES \"odd \"\"table\"\"\" ([a b]))",
                "CREATE INDEX \"odd index\" ON \"odd \"\"table\"\"\" (`c``d`, 'e')");
        Table t = table("odd \"table\"");
        assertEquals(List.of("a b", "c`d", "e"), t.columns().stream().map(Column::name).toList());
        assertEquals("odd \"table\"_c`d_key", t.uniques().get(0).name());
        assertEquals("UNIQUE (\"c`d\")", t.uniques().get(0).definition());
        ForeignKey fk = t.foreignKeys().get(0);
        assertEquals(new QualifiedName(SqliteInspector.SCHEMA, "odd \"table\""), fk.referencedTable());
        assertEquals(List.of("a b"), fk.referencedColumns());
        assertEquals("FOREIGN KEY (e) REFERENCES \"odd \"\"table\"\"\"(\"a b\")", fk.definition());
        assertEquals(List.of("c`d", "e"), t.index("odd index").orElseThrow().columns());
    }

    @Test
    void aTextTheParserDoesNotUnderstandYieldsNoDeclarationsButNoError() throws SQLException {
        // writable_schema lets a migration store any text; SQLite re-reads it on the next connection only, so the
        // pragmas still see the original table while the stored text no longer names its columns.
        execute("CREATE TABLE t (a INT CHECK (a > 0) COLLATE nocase, b INT UNIQUE)",
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_schema SET sql = 'CREATE TABLE t (b INT, a INT)' WHERE name = 't'",
                "PRAGMA writable_schema = OFF");
        Table t = table("t");
        assertEquals(List.of("a", "b"), t.columns().stream().map(Column::name).toList());
        assertNull(t.columns().get(0).collation());
        assertEquals(List.of(), t.checks());
        assertEquals(List.of("t_b_key"), t.uniques().stream().map(UniqueConstraint::name).toList());
    }

    @Test
    void insideATransactionItSeesUncommittedChangesAndEndsNothing() throws SQLException {
        connection.setAutoCommit(false);
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        assertTrue(inspect().table(SqliteInspector.SCHEMA, "t").isPresent());
        assertFalse(connection.getAutoCommit());
        connection.rollback();
        connection.setAutoCommit(true);
        assertTrue(inspect().table(SqliteInspector.SCHEMA, "t").isEmpty(), "the inspection committed the replay's transaction");
    }

    // ---- root pages -------------------------------------------------------------------------------------------------

    @Test
    void addAndDropColumnKeepTheRootPageARebuildChangesIt() throws SQLException {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)", "INSERT INTO t (a, b) VALUES ('x', 'y')");
        long created = table("t").relfilenode();
        assertNotEquals(0, created);
        execute("ALTER TABLE t ADD COLUMN c INT DEFAULT 3");
        assertEquals(created, table("t").relfilenode(), "ADD COLUMN only edits the stored text");
        execute("ALTER TABLE t DROP COLUMN b");
        assertEquals(created, table("t").relfilenode(), "DROP COLUMN rewrites the rows in the same b-tree");
        execute("ALTER TABLE t RENAME COLUMN a TO aa");
        assertEquals(created, table("t").relfilenode());
        execute("CREATE TABLE new_t (id INTEGER PRIMARY KEY, aa TEXT, c INT DEFAULT 3)",
                "INSERT INTO new_t SELECT id, aa, c FROM t", "DROP TABLE t", "ALTER TABLE new_t RENAME TO t");
        assertNotEquals(created, table("t").relfilenode(), "a rebuilt table is a new b-tree");
    }

    // ---- diffs between inspections ----------------------------------------------------------------------------------

    @Test
    void addColumn() throws SQLException {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        List<SchemaChange> changes = changes("ALTER TABLE t ADD COLUMN note TEXT NOT NULL DEFAULT ''");
        assertEquals(List.of("add_column t.note"), summary(changes));
        assertEquals(new Column(0, "note", "TEXT", true, "''", Identity.NONE, Generated.NONE, null, null),
                ((SchemaChange.AddColumn) changes.get(0)).column());
    }

    @Test
    void dropColumn() throws SQLException {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)");
        assertEquals(List.of("drop_column t.note"), summary(changes("ALTER TABLE t DROP COLUMN note")));
    }

    @Test
    void renameColumnReadsAsDropAndAdd() throws SQLException {
        // Without attnums the differ matches columns by name; the replay pairs the two from the statement.
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT)");
        assertEquals(List.of("drop_column t.note", "add_column t.remark"),
                summary(changes("ALTER TABLE t RENAME COLUMN note TO remark")));
    }

    @Test
    void renameColumnInAConstraintAlsoReplacesTheConstraint() throws SQLException {
        // Constraints are matched by name and definition, both of which name the column.
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT CHECK (note <> ''))");
        assertEquals(List.of("drop_column t.note", "add_column t.remark", "drop_check t.t_note_check",
                "add_check t.t_remark_check"), summary(changes("ALTER TABLE t RENAME COLUMN note TO remark")));
    }

    @Test
    void renameTableReadsAsDropAndAdd() throws SQLException {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        List<SchemaChange> changes = changes("ALTER TABLE t RENAME TO u");
        assertEquals(List.of("drop_table t", "add_table u"), summary(changes));
        // The same b-tree: what a later pairing by statement can check.
        assertEquals(((SchemaChange.DropTable) changes.get(0)).table().relfilenode(),
                ((SchemaChange.AddTable) changes.get(1)).table().relfilenode());
    }

    @Test
    void createAndDropIndex() throws SQLException {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT)");
        assertEquals(List.of("add_index t.t_email"), summary(changes("CREATE INDEX t_email ON t (email)")));
        assertEquals(List.of("drop_index t.t_email"), summary(changes("DROP INDEX t_email")));
    }

    @Test
    void rebuildToSetNotNull() throws SQLException {
        execute("PRAGMA foreign_keys = OFF",
                "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE, note TEXT)",
                "CREATE INDEX t_note ON t (note)",
                "INSERT INTO t (email, note) VALUES ('a@b', 'n')");
        Catalog before = inspect();
        execute("CREATE TABLE new_t (id INTEGER PRIMARY KEY, email TEXT UNIQUE, note TEXT NOT NULL)",
                "INSERT INTO new_t (id, email, note) SELECT id, email, note FROM t",
                "DROP TABLE t",
                "ALTER TABLE new_t RENAME TO t",
                "CREATE INDEX t_note ON t (note)");
        List<SchemaChange> changes = SchemaDiff.diff(before, inspect());
        // The table is the same by name: a new b-tree (ModifyTable), the column's nullability, and every index rebuilt.
        assertEquals(List.of("modify_table t", "modify_column t.note", "modify_index t.t_email_key",
                "modify_index t.t_note"), summary(changes));
        ModifyTable table = (ModifyTable) changes.get(0);
        assertNotEquals(table.before().relfilenode(), table.after().relfilenode());
        ModifyColumn column = (ModifyColumn) changes.get(1);
        assertFalse(column.before().notNull());
        assertTrue(column.after().notNull());
    }
}
