package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.replay.Inspector;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.IndexPart;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddCheck;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddForeignKey;
import io.schemagate.core.schema.SchemaChange.AddIndex;
import io.schemagate.core.schema.SchemaChange.AddTable;
import io.schemagate.core.schema.SchemaChange.DropColumn;
import io.schemagate.core.schema.SchemaChange.DropIndex;
import io.schemagate.core.schema.SchemaChange.DropTable;
import io.schemagate.core.schema.SchemaChange.ModifyColumn;
import io.schemagate.core.schema.SchemaChange.ModifyComment;
import io.schemagate.core.schema.SchemaChange.ModifyTable;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MysqlInspector} on the local MariaDB: what it reads, and what the differ makes of two inspections. */
class MysqlInspectorTest {

    private static final Inspector INSPECTOR = MysqlInspector::inspect;

    private ScratchMariaDb db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = ScratchMariaDb.create();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private Catalog inspect() throws SQLException {
        return INSPECTOR.inspect(db.connection());
    }

    private Table table(String name) throws SQLException {
        return inspect().table(MysqlInspector.OWN_SCHEMA, name).orElseThrow(() -> new AssertionError("no table " + name));
    }

    /** Runs {@code statement} between two inspections and diffs them. */
    private List<SchemaChange> changes(String statement) throws SQLException {
        Catalog before = inspect();
        db.execute(statement);
        return SchemaDiff.diff(before, inspect());
    }

    @Test
    void inspectsOnlyTheCurrentDatabaseAsOneSchemaNamedAfterIt() throws SQLException {
        try (ScratchMariaDb other = ScratchMariaDb.create()) {
            other.execute("CREATE TABLE elsewhere (id int)");
            db.execute("CREATE TABLE b (id int)", "CREATE TABLE a (id int)", "CREATE TABLE C (id int)");

            Catalog catalog = inspect();

            assertEquals(1, catalog.schemas().size());
            assertEquals(MysqlInspector.OWN_SCHEMA, catalog.schemas().get(0).name());
            assertEquals(0, catalog.schemas().get(0).oid());
            assertEquals(List.of("C", "a", "b"), catalog.tables().map(Table::name).toList(), "by name, as Java sorts");
            assertTrue(catalog.tables().allMatch(t -> t.oid() == 0 && t.schema().equals(MysqlInspector.OWN_SCHEMA)));
        }
    }

    @Test
    void columnsInPositionOrderWithTypesNullabilityAndNormalisedDefaults() throws SQLException {
        db.execute("""
                CREATE TABLE t (
                  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
                  quoted varchar(20) DEFAULT 'it''s',
                  explicit_null int DEFAULT NULL,
                  no_default int NOT NULL,
                  null_word varchar(5) DEFAULT 'NULL',
                  empty varchar(5) DEFAULT '',
                  amount decimal(10,2) DEFAULT 1.50,
                  negative int DEFAULT -1,
                  flags bit(3) DEFAULT b'101',
                  day date DEFAULT '2020-01-01',
                  created timestamp NOT NULL DEFAULT current_timestamp(),
                  computed int DEFAULT (1 + 1),
                  mood enum('a','b') NOT NULL DEFAULT 'b'
                )""");

        List<Column> columns = table("t").columns();

        assertEquals(List.of("id", "quoted", "explicit_null", "no_default", "null_word", "empty", "amount", "negative",
                "flags", "day", "created", "computed", "mood"), columns.stream().map(Column::name).toList());
        assertTrue(columns.stream().allMatch(c -> c.attnum() == 0));
        assertEquals(new Column(0, "id", "bigint(20) unsigned", true, null, Column.Identity.BY_DEFAULT,
                Column.Generated.NONE, null, null), columns.get(0), "AUTO_INCREMENT: identity by default, no default");
        assertEquals(Column.of(0, "explicit_null", "int(11)", false), columns.get(2), "DEFAULT NULL is no default");
        assertEquals(Column.of(0, "no_default", "int(11)", true), columns.get(3));
        assertEquals(List.of("'it''s'", "'NULL'", "''", "1.50", "-1", "b'101'", "'2020-01-01'",
                        "current_timestamp()", "(1 + 1)", "'b'"),
                List.of(columns.get(1), columns.get(4), columns.get(5), columns.get(6), columns.get(7),
                        columns.get(8), columns.get(9), columns.get(10), columns.get(11), columns.get(12))
                        .stream().map(Column::defaultExpression).toList());
        assertEquals("enum('a','b')", columns.get(12).type());
        assertEquals("decimal(10,2)", columns.get(6).type());
    }

    @Test
    void generatedColumnsAndCollationsOnlyWhereTheyDifferFromTheTable() throws SQLException {
        db.execute("""
                CREATE TABLE t (
                  c int NOT NULL,
                  v int AS (c * 2) VIRTUAL,
                  s int AS (c + 1) STORED,
                  p int AS (c + 2) PERSISTENT,
                  plain varchar(10),
                  bin varchar(10) COLLATE utf8mb4_bin,
                  latin char(3) CHARACTER SET latin1
                ) DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci""");

        Table t = table("t");

        Column v = t.column("v").orElseThrow();
        assertEquals(Column.Generated.VIRTUAL, v.generated());
        assertEquals("`c` * 2", v.generationExpression());
        assertNull(v.defaultExpression());
        assertEquals(Column.Generated.STORED, t.column("s").orElseThrow().generated());
        assertEquals(Column.Generated.STORED, t.column("p").orElseThrow().generated(), "PERSISTENT is STORED");
        assertEquals(Column.Generated.NONE, t.column("c").orElseThrow().generated());
        assertNull(t.column("c").orElseThrow().generationExpression());
        assertNull(t.column("plain").orElseThrow().collation(), "the table's collation");
        assertEquals("utf8mb4_bin", t.column("bin").orElseThrow().collation());
        assertEquals("latin1_swedish_ci", t.column("latin").orElseThrow().collation(), "another character set");
    }

    @Test
    void indexesPrimaryKeyAndUniqueConstraints() throws SQLException {
        db.execute("""
                CREATE TABLE t (
                  id int NOT NULL,
                  a varchar(20),
                  b int,
                  body text,
                  PRIMARY KEY (id),
                  UNIQUE KEY uq_ab (a, b),
                  KEY ix_prefix (a(4) DESC, b),
                  FULLTEXT KEY ft_body (body)
                )""", "CREATE INDEX ix_hidden ON t (b)", "ALTER TABLE t ALTER INDEX ix_hidden IGNORED");

        Table t = table("t");

        assertEquals(List.of("PRIMARY", "ft_body", "ix_hidden", "ix_prefix", "uq_ab"),
                t.indexes().stream().map(Index::name).toList());
        Index primary = t.index("PRIMARY").orElseThrow();
        assertTrue(primary.primary() && primary.unique());
        assertEquals("PRIMARY", primary.constraint());
        assertEquals("PRIMARY KEY (`id`)", primary.definition());
        assertEquals("PRIMARY", t.primaryKey().name());
        assertEquals(List.of("id"), t.primaryKey().columns());

        Index unique = t.index("uq_ab").orElseThrow();
        assertEquals("uq_ab", unique.constraint());
        assertEquals("UNIQUE KEY `uq_ab` (`a`,`b`)", unique.definition());
        assertEquals(1, t.uniques().size());
        assertEquals("uq_ab", t.uniques().get(0).name());
        assertEquals(List.of("a", "b"), t.uniques().get(0).columns());

        Index prefix = t.index("ix_prefix").orElseThrow();
        assertFalse(prefix.unique());
        assertNull(prefix.constraint());
        assertEquals("btree", prefix.method());
        assertEquals(List.of(new IndexPart("a", null, true), IndexPart.column("b")), prefix.parts());
        assertEquals("KEY `ix_prefix` (`a`(4) DESC,`b`)", prefix.definition());
        assertTrue(prefix.valid());

        assertEquals("fulltext", t.index("ft_body").orElseThrow().method());
        assertEquals("FULLTEXT KEY `ft_body` (`body`)", t.index("ft_body").orElseThrow().definition());
        assertFalse(t.index("ix_hidden").orElseThrow().valid(), "IGNORED: not used by queries");
        assertTrue(t.indexes().stream().allMatch(i -> i.oid() == 0 && i.relfilenode() == 0));
    }

    @Test
    void foreignKeysWithColumnsReferencedTableAndActions() throws SQLException {
        db.execute("CREATE TABLE parent (id int, code int, PRIMARY KEY (id, code))", """
                CREATE TABLE child (
                  id int PRIMARY KEY, pid int, pcode int, other int,
                  CONSTRAINT fk_parent FOREIGN KEY (pid, pcode) REFERENCES parent (id, code)
                    ON DELETE CASCADE ON UPDATE SET NULL,
                  CONSTRAINT fk_plain FOREIGN KEY (other) REFERENCES parent (id)
                )""");

        List<ForeignKey> fks = table("child").foreignKeys();

        assertEquals(List.of("fk_parent", "fk_plain"), fks.stream().map(ForeignKey::name).toList());
        ForeignKey fk = fks.get(0);
        assertEquals(List.of("pid", "pcode"), fk.columns());
        assertEquals(new QualifiedName(MysqlInspector.OWN_SCHEMA, "parent"), fk.referencedTable());
        assertEquals(List.of("id", "code"), fk.referencedColumns());
        assertEquals(ForeignKey.Action.CASCADE, fk.onDelete());
        assertEquals(ForeignKey.Action.SET_NULL, fk.onUpdate());
        assertEquals("FOREIGN KEY (`pid`, `pcode`) REFERENCES `parent` (`id`, `code`) ON DELETE CASCADE"
                + " ON UPDATE SET NULL", fk.definition());
        assertEquals(ForeignKey.Action.RESTRICT, fks.get(1).onDelete(), "MariaDB reports RESTRICT when none is given");
        assertEquals("FOREIGN KEY (`other`) REFERENCES `parent` (`id`)", fks.get(1).definition());
        assertTrue(fk.validated() && fk.enforced() && !fk.deferrable());
        // The FK's supporting index is an ordinary index of the table.
        assertTrue(table("child").index("fk_plain").isPresent());
    }

    @Test
    void checksTableAndColumnLevelButNotTheImplicitJsonCheck() throws SQLException {
        db.execute("""
                CREATE TABLE t (
                  price int CHECK (price >= 0),
                  low int, high int,
                  doc json,
                  note varchar(20),
                  CONSTRAINT range_ok CHECK (low < high AND note <> '`low`'),
                  CHECK (high < 100)
                )""");

        List<Check> checks = table("t").checks();

        assertEquals(List.of("CONSTRAINT_1", "price", "range_ok"), checks.stream().map(Check::name).toList(),
                "no check for the json column doc");
        Check range = checks.get(2);
        assertEquals("`low` < `high` and `note` <> '`low`'", range.expression());
        assertEquals("CHECK (`low` < `high` and `note` <> '`low`')", range.definition());
        assertEquals(List.of("low", "high", "note"), range.columns(), "names in string literals are not columns");
        assertEquals(List.of("price"), checks.get(1).columns());
        assertEquals(List.of("high"), checks.get(0).columns());
        assertTrue(checks.stream().allMatch(c -> c.oid() == 0 && c.validated() && c.enforced()));
        assertEquals("longtext", table("t").column("doc").orElseThrow().type(), "MariaDB's json is longtext");
    }

    @Test
    void viewsWithTheirColumnsAndTriggersWithTheirBody() throws SQLException {
        db.execute("CREATE TABLE t (id int, c int)",
                "CREATE VIEW v AS SELECT id, c * 2 AS twice FROM t WHERE c > 1",
                "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.c = NEW.c + 1");

        Catalog catalog = inspect();

        View v = catalog.schemas().get(0).view("v").orElseThrow();
        // The server qualifies with the scratch database's name, which means nothing outside the run: it is dropped.
        assertEquals("select `t`.`id` AS `id`,`t`.`c` * 2 AS `twice` from `t` where `t`.`c` > 1", v.definition());
        assertEquals(List.of("id", "twice"), v.columns().stream().map(Column::name).toList());
        assertNull(v.fingerprint());
        assertTrue(catalog.table(MysqlInspector.OWN_SCHEMA, "v").isEmpty(), "a view is not a table");

        List<Trigger> triggers = catalog.table(MysqlInspector.OWN_SCHEMA, "t").orElseThrow().triggers();
        assertEquals(1, triggers.size());
        assertEquals("t_bi", triggers.get(0).name());
        assertEquals("CREATE TRIGGER `t_bi` BEFORE INSERT ON `t` FOR EACH ROW SET NEW.c = NEW.c + 1",
                triggers.get(0).definition());
        assertNull(triggers.get(0).function());
        assertTrue(triggers.get(0).enabled());
    }

    @Test
    void relfilenodeChangesWhenInnoDbRebuildsTheTableAndOnlyThen() throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, b int, c int) ENGINE=InnoDB");
        long created = table("t").relfilenode();
        assertNotEquals(0, created);

        db.execute("ALTER TABLE t ADD INDEX ix_b (b)");
        assertEquals(created, table("t").relfilenode(), "ADD INDEX builds the index only");
        db.execute("ALTER TABLE t ADD COLUMN d int, ALGORITHM=INSTANT");
        assertEquals(created, table("t").relfilenode(), "INSTANT ADD COLUMN");
        db.execute("RENAME TABLE t TO t2");
        assertEquals(created, table("t2").relfilenode(), "RENAME");

        db.execute("ALTER TABLE t2 FORCE");
        long forced = table("t2").relfilenode();
        assertNotEquals(created, forced, "FORCE rebuilds");
        db.execute("ALTER TABLE t2 MODIFY c int NOT NULL, ALGORITHM=INPLACE");
        long inplace = table("t2").relfilenode();
        assertNotEquals(forced, inplace, "NULL -> NOT NULL is an INPLACE rebuild");
        db.execute("ALTER TABLE t2 ADD COLUMN e int, ALGORITHM=COPY");
        assertNotEquals(inplace, table("t2").relfilenode(), "COPY");

        db.execute("CREATE TABLE `odd-name$` (id int)", "CREATE TABLE mem (id int) ENGINE=MEMORY");
        assertNotEquals(0, table("odd-name$").relfilenode(), "punctuation is encoded as InnoDB stores it");
        assertEquals(0, table("mem").relfilenode(), "not InnoDB: unknown");
    }

    @Test
    void relfilenodeIsZeroWithoutTheProcessPrivilege() throws SQLException {
        String user = "sg_test_" + ScratchMariaDb.randomSuffix();
        db.execute("CREATE TABLE t (id int PRIMARY KEY)",
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'secret'",
                "GRANT ALL ON `" + db.name() + "`.* TO '" + user + "'@'%'");
        try (Connection limited = db.connectAs(user, "secret")) {
            Catalog catalog = MysqlInspector.inspect(limited);

            Table t = catalog.table(MysqlInspector.OWN_SCHEMA, "t").orElseThrow();
            assertEquals(0, t.relfilenode());
            assertEquals(List.of("id"), t.primaryKey().columns(), "the rest is read as usual");
        } finally {
            db.execute("DROP USER '" + user + "'@'%'");
        }
    }

    @Test
    void diffAddDropAndModifyColumn() throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b int)");

        List<SchemaChange> add = changes("ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0");
        assertEquals(1, add.size(), add.toString());
        assertEquals("c", assertInstanceOf(AddColumn.class, add.get(0)).column().name());
        assertEquals("0", ((AddColumn) add.get(0)).column().defaultExpression());

        List<SchemaChange> drop = changes("ALTER TABLE t DROP COLUMN b");
        assertEquals(1, drop.size(), drop.toString());
        assertEquals("b", assertInstanceOf(DropColumn.class, drop.get(0)).column().name());

        List<SchemaChange> type = changes("ALTER TABLE t MODIFY a varchar(20)");
        ModifyColumn widened = assertInstanceOf(ModifyColumn.class, single(type, ModifyColumn.class));
        assertEquals("varchar(10)", widened.before().type());
        assertEquals("varchar(20)", widened.after().type());

        List<SchemaChange> notNull = changes("ALTER TABLE t MODIFY a varchar(20) NOT NULL");
        ModifyColumn tightened = assertInstanceOf(ModifyColumn.class, single(notNull, ModifyColumn.class));
        assertFalse(tightened.before().notNull());
        assertTrue(tightened.after().notNull());
        assertInstanceOf(ModifyTable.class, single(notNull, ModifyTable.class), "NULL -> NOT NULL rebuilds the table");
    }

    @Test
    void diffChangeColumnRenameIsDropPlusAdd() throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, old_name int)");

        List<SchemaChange> changes = changes("ALTER TABLE t CHANGE old_name new_name int");

        // No column identity on these servers: the statement must pair the two (rules: drop+add becomes a rename
        // when the statement says CHANGE/RENAME).
        // Both have attnum 0, so they are reported by name: the add of new_name sorts first.
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("new_name", assertInstanceOf(AddColumn.class, changes.get(0)).column().name());
        assertEquals("old_name", assertInstanceOf(DropColumn.class, changes.get(1)).column().name());
    }

    @Test
    void diffRenameTableIsDropPlusAdd() throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");

        List<SchemaChange> changes = changes("RENAME TABLE t TO u");

        // Same as columns: no table identity. The InnoDB table id is kept (relfilenode equal on both sides), which is
        // what a later pairing can check.
        assertEquals(2, changes.size(), changes.toString());
        DropTable dropped = assertInstanceOf(DropTable.class, changes.get(0));
        AddTable added = assertInstanceOf(AddTable.class, changes.get(1));
        assertEquals("t", dropped.table().name());
        assertEquals("u", added.table().name());
        assertEquals(dropped.table().relfilenode(), added.table().relfilenode());
    }

    @Test
    void diffIndexesForeignKeysAndChecks() throws SQLException {
        db.execute("CREATE TABLE p (id int PRIMARY KEY)", "CREATE TABLE t (id int PRIMARY KEY, pid int, n int)");

        List<SchemaChange> addIndex = changes("ALTER TABLE t ADD INDEX ix_n (n)");
        assertEquals(1, addIndex.size(), addIndex.toString());
        assertEquals("ix_n", assertInstanceOf(AddIndex.class, addIndex.get(0)).index().name());

        List<SchemaChange> dropIndex = changes("ALTER TABLE t DROP INDEX ix_n");
        assertEquals(1, dropIndex.size(), dropIndex.toString());
        assertEquals("ix_n", assertInstanceOf(DropIndex.class, dropIndex.get(0)).index().name());

        List<SchemaChange> addFk = changes("ALTER TABLE t ADD CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p (id)");
        // With foreign_key_checks on, ADD FOREIGN KEY is a COPY alter: the table is rebuilt. InnoDB also creates an
        // index for the FK's columns when none exists, reported with it.
        assertEquals(3, addFk.size(), addFk.toString());
        assertInstanceOf(ModifyTable.class, addFk.get(0));
        assertEquals("fk_p", assertInstanceOf(AddForeignKey.class, addFk.get(1)).foreignKey().name());
        assertEquals("fk_p", assertInstanceOf(AddIndex.class, addFk.get(2)).index().name());

        db.execute("SET SESSION foreign_key_checks = 0");
        List<SchemaChange> addFkUnchecked = changes("ALTER TABLE t ADD CONSTRAINT fk_n FOREIGN KEY (n) REFERENCES p (id)");
        db.execute("SET SESSION foreign_key_checks = 1");
        assertEquals(2, addFkUnchecked.size(), "without checks it is INPLACE, no rebuild: " + addFkUnchecked);
        assertInstanceOf(AddForeignKey.class, addFkUnchecked.get(0));
        assertInstanceOf(AddIndex.class, addFkUnchecked.get(1));

        List<SchemaChange> addCheck = changes("ALTER TABLE t ADD CONSTRAINT n_positive CHECK (n > 0)");
        // MariaDB adds a CHECK with a COPY alter: rebuilt.
        assertEquals(2, addCheck.size(), addCheck.toString());
        assertInstanceOf(ModifyTable.class, addCheck.get(0));
        assertEquals("`n` > 0", assertInstanceOf(AddCheck.class, addCheck.get(1)).check().expression());

        List<SchemaChange> addJson = changes("ALTER TABLE t ADD COLUMN doc json");
        assertEquals(1, addJson.size(), "a json column, without MariaDB's implicit check: " + addJson);
        assertInstanceOf(AddColumn.class, addJson.get(0));
    }

    @Test
    void diffRebuildSignal() throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");

        List<SchemaChange> forced = changes("ALTER TABLE t FORCE");
        assertEquals(1, forced.size(), forced.toString());
        ModifyTable rebuilt = assertInstanceOf(ModifyTable.class, forced.get(0));
        assertNotEquals(rebuilt.before().relfilenode(), rebuilt.after().relfilenode());

        assertEquals(List.of(), changes("ALTER TABLE t ADD INDEX ix (id)").stream()
                .filter(ModifyTable.class::isInstance).toList(), "ADD INDEX does not rebuild");
        assertEquals(List.of(new ModifyComment(new QualifiedName("", "t"), null, null, "x")),
                changes("ALTER TABLE t COMMENT 'x'"), "a comment is no rebuild");
    }

    @Test
    void timesTheInspectionOfTwoHundredTables() throws SQLException {
        db.execute("CREATE TABLE parent (id int PRIMARY KEY)");
        for (int i = 0; i < 200; i++) {
            db.execute("CREATE TABLE t" + i + " (id int PRIMARY KEY AUTO_INCREMENT, name varchar(50) NOT NULL,"
                    + " created timestamp DEFAULT current_timestamp(), pid int, amount decimal(10,2) DEFAULT 0,"
                    + " UNIQUE KEY uq_name (name), KEY ix_created (created),"
                    + " CONSTRAINT fk_" + i + " FOREIGN KEY (pid) REFERENCES parent (id),"
                    + " CONSTRAINT amount_ok CHECK (amount >= 0))");
        }
        inspect(); // warm-up
        int runs = 5;
        long start = System.nanoTime();
        Catalog catalog = null;
        for (int i = 0; i < runs; i++) {
            catalog = inspect();
        }
        long millis = (System.nanoTime() - start) / 1_000_000 / runs;

        assertEquals(201, catalog.tables().count());
        System.out.println("MysqlInspector: 201 tables inspected in " + millis + " ms (mean of " + runs + ")");
    }

    private static SchemaChange single(List<SchemaChange> changes, Class<? extends SchemaChange> kind) {
        List<SchemaChange> matching = changes.stream().filter(kind::isInstance).toList();
        assertEquals(1, matching.size(), changes.toString());
        return matching.get(0);
    }
}
