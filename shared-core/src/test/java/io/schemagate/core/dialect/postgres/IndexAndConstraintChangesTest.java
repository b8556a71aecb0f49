package io.schemagate.core.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.IndexPart;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddCheck;
import io.schemagate.core.schema.SchemaChange.AddForeignKey;
import io.schemagate.core.schema.SchemaChange.AddIndex;
import io.schemagate.core.schema.SchemaChange.AddPrimaryKey;
import io.schemagate.core.schema.SchemaChange.AddUnique;
import io.schemagate.core.schema.SchemaChange.DropForeignKey;
import io.schemagate.core.schema.SchemaChange.DropIndex;
import io.schemagate.core.schema.SchemaChange.ModifyColumn;
import io.schemagate.core.schema.SchemaChange.ModifyConstraint;
import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.RenameCheck;
import io.schemagate.core.schema.SchemaChange.RenameIndex;
import io.schemagate.core.schema.SchemaChange.RenamePrimaryKey;
import io.schemagate.core.schema.SchemaChange.RenameUnique;
import io.schemagate.core.schema.SchemaDiff;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Indexes, primary keys, unique constraints, foreign keys and checks, on a real server. */
class IndexAndConstraintChangesTest extends ChangeHarness {

    private static final String USERS = "CREATE TABLE users (id int PRIMARY KEY, email text, active boolean, team int)";

    @Nested
    class Indexes {

        @Test
        void create() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "CREATE INDEX users_team ON users (team)");
            assertChanges(changes, "add_index public.users.users_team");
            Index index = change(changes, 0, AddIndex.class).index();
            assertFalse(index.unique());
            assertTrue(index.valid());
            assertEquals("btree", index.method());
            assertEquals(List.of("team"), index.columns());
            assertNull(index.predicate());
            assertNull(index.constraint());
            assertEquals("CREATE INDEX users_team ON public.users USING btree (team)", index.definition());
        }

        @Test
        void unique() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "CREATE UNIQUE INDEX users_email ON users (email)");
            assertChanges(changes, "add_index public.users.users_email");
            assertTrue(change(changes, 0, AddIndex.class).index().unique());
        }

        @Test
        void partial() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "CREATE INDEX users_active ON users (team) WHERE active");
            assertChanges(changes, "add_index public.users.users_active");
            Index index = change(changes, 0, AddIndex.class).index();
            assertTrue(index.partial());
            assertEquals("active", index.predicate());
        }

        @Test
        void expressionDescendingAndInclude() throws SQLException {
            List<SchemaChange> changes = changes(USERS,
                    "CREATE INDEX users_lower_email ON users (lower(email), team DESC) INCLUDE (active)");
            Index index = change(changes, 0, AddIndex.class).index();
            assertEquals(List.of(IndexPart.expression("lower(email)"), new IndexPart("team", null, true)),
                    index.parts());
            assertEquals(List.of("active"), index.include());
            assertTrue(index.hasExpressions());
            assertEquals(List.of("team"), index.columns());
        }

        @Test
        void otherMethod() throws SQLException {
            Index index = change(changes("CREATE TABLE docs (tags text[])",
                    "CREATE INDEX docs_tags ON docs USING gin (tags)"), 0, AddIndex.class).index();
            assertEquals("gin", index.method());
        }

        @Test
        void concurrently() throws SQLException {
            List<SchemaChange> changes = changesInAutocommit(USERS, "CREATE INDEX CONCURRENTLY users_team ON users (team)");
            assertChanges(changes, "add_index public.users.users_team");
            assertTrue(change(changes, 0, AddIndex.class).index().valid());
        }

        @Test
        void failedConcurrentBuildLeavesAnInvalidIndexAndReindexValidatesIt() throws SQLException {
            commitsOnItsOwn();
            db.execute(USERS + "; INSERT INTO users VALUES (1, 'a@x', true, 1), (2, 'a@x', true, 1)");
            Catalog before = PostgresInspector.inspect(db.connection());
            assertThrows(SQLException.class,
                    () -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email)"));
            Catalog failed = PostgresInspector.inspect(db.connection());
            List<SchemaChange> changes = SchemaDiff.diff(before, failed);
            assertChanges(changes, "add_index public.users.users_email");
            assertFalse(change(changes, 0, AddIndex.class).index().valid());

            db.execute("DELETE FROM users WHERE id = 2");
            db.execute("REINDEX INDEX users_email");
            List<SchemaChange> reindexed = SchemaDiff.diff(failed, PostgresInspector.inspect(db.connection()));
            assertChanges(reindexed, "modify_index public.users.users_email");
            ModifyIndex modify = change(reindexed, 0, ModifyIndex.class);
            assertTrue(modify.validated());
            assertTrue(modify.rewritten());
        }

        @Test
        void drop() throws SQLException {
            List<SchemaChange> changes = changes(USERS + "; CREATE INDEX users_team ON users (team)",
                    "DROP INDEX users_team");
            assertChanges(changes, "drop_index public.users.users_team");
            assertEquals(List.of("team"), change(changes, 0, DropIndex.class).index().columns());
        }

        @Test
        void dropConcurrently() throws SQLException {
            assertChanges(changesInAutocommit(USERS + "; CREATE INDEX users_team ON users (team)",
                    "DROP INDEX CONCURRENTLY users_team"), "drop_index public.users.users_team");
        }

        @Test
        void rename() throws SQLException {
            List<SchemaChange> changes = changes(USERS + "; CREATE INDEX users_team ON users (team)",
                    "ALTER INDEX users_team RENAME TO users_by_team");
            assertChanges(changes, "rename_index public.users.users_team");
            assertEquals("users_by_team", change(changes, 0, RenameIndex.class).after().name());
        }

        @Test
        void reindexRewritesEveryIndexNotTheTable() throws SQLException {
            assertChanges(changes(USERS + "; CREATE INDEX users_team ON users (team)", "REINDEX TABLE users"),
                    "modify_index public.users.users_pkey", "modify_index public.users.users_team");
        }

        @Test
        void droppingAColumnDropsItsIndex() throws SQLException {
            assertChanges(changes(USERS + "; CREATE INDEX users_team ON users (team)", "ALTER TABLE users DROP COLUMN team"),
                    "drop_column public.users.team", "drop_index public.users.users_team");
        }
    }

    @Nested
    class PrimaryKeys {

        @Test
        void addOnNullableColumnMakesItNotNull() throws SQLException {
            List<SchemaChange> changes = changes("CREATE TABLE t (id int, name text)", "ALTER TABLE t ADD PRIMARY KEY (id)");
            assertChanges(changes, "modify_column public.t.id", "add_primary_key public.t.t_pkey");
            assertTrue(change(changes, 0, ModifyColumn.class).setNotNull());
            assertEquals(List.of("id"), change(changes, 1, AddPrimaryKey.class).primaryKey().columns());
        }

        @Test
        void addUsingExistingIndex() throws SQLException {
            Catalog setup = setUp("CREATE TABLE t (id int NOT NULL); CREATE UNIQUE INDEX t_id ON t (id)");
            long indexOid = setup.table("public", "t").orElseThrow().index("t_id").orElseThrow().oid();
            List<SchemaChange> changes = changes("", "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id");
            assertChanges(changes, "add_primary_key public.t.t_pkey");
            assertEquals(indexOid, change(changes, 0, AddPrimaryKey.class).primaryKey().indexOid(),
                    "the key took over the existing index: analyzers see it was added USING INDEX");
        }

        @Test
        void drop() throws SQLException {
            assertChanges(changes("CREATE TABLE t (id int PRIMARY KEY)", "ALTER TABLE t DROP CONSTRAINT t_pkey"),
                    "drop_primary_key public.t.t_pkey");
        }

        @Test
        void renameConstraintAlsoRenamesTheIndexButReportsOnce() throws SQLException {
            List<SchemaChange> changes = changes("CREATE TABLE t (id int PRIMARY KEY)",
                    "ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_key");
            assertChanges(changes, "rename_primary_key public.t.t_pkey");
            assertEquals("t_key", change(changes, 0, RenamePrimaryKey.class).after().name());
        }
    }

    @Nested
    class Uniques {

        @Test
        void add() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)");
            assertChanges(changes, "add_unique public.users.users_email_key");
            assertEquals(List.of("email"), change(changes, 0, AddUnique.class).unique().columns());
        }

        @Test
        void drop() throws SQLException {
            assertChanges(changes(USERS + "; ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
                    "ALTER TABLE users DROP CONSTRAINT users_email_key"), "drop_unique public.users.users_email_key");
        }

        @Test
        void renameByIndex() throws SQLException {
            List<SchemaChange> changes = changes(USERS + "; ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
                    "ALTER INDEX users_email_key RENAME TO users_email_unique");
            assertChanges(changes, "rename_unique public.users.users_email_key");
            assertEquals("users_email_unique", change(changes, 0, RenameUnique.class).after().name());
        }
    }

    @Nested
    class ForeignKeys {

        private static final String ORDERS = USERS + "; CREATE TABLE orders (id int PRIMARY KEY, user_id int)";

        @Test
        void add() throws SQLException {
            List<SchemaChange> changes = changes(ORDERS,
                    "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE");
            assertChanges(changes, "add_foreign_key public.orders.orders_user");
            ForeignKey fk = change(changes, 0, AddForeignKey.class).foreignKey();
            assertEquals(List.of("user_id"), fk.columns());
            assertEquals("public.users", fk.referencedTable().toString());
            assertEquals(List.of("id"), fk.referencedColumns());
            assertEquals(ForeignKey.Action.CASCADE, fk.onDelete());
            assertEquals(ForeignKey.Action.NO_ACTION, fk.onUpdate());
            assertTrue(fk.validated());
        }

        @Test
        void addNotValidThenValidate() throws SQLException {
            List<SchemaChange> added = changes(ORDERS,
                    "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users NOT VALID");
            assertChanges(added, "add_foreign_key public.orders.orders_user");
            ForeignKey fk = change(added, 0, AddForeignKey.class).foreignKey();
            assertFalse(fk.validated());
            assertTrue(fk.definition().endsWith("NOT VALID"), fk.definition());

            List<SchemaChange> validated = changes("", "ALTER TABLE orders VALIDATE CONSTRAINT orders_user");
            assertChanges(validated, "modify_constraint public.orders.orders_user");
            ModifyConstraint modify = change(validated, 0, ModifyConstraint.class);
            assertTrue(modify.validated());
            assertTrue(modify.after() instanceof ForeignKey);
        }

        @Test
        void addWithNewColumnReferences() throws SQLException {
            assertChanges(changes(USERS + "; CREATE TABLE orders (id int)",
                            "ALTER TABLE orders ADD COLUMN user_id int REFERENCES users"),
                    "add_column public.orders.user_id", "add_foreign_key public.orders.orders_user_id_fkey");
        }

        @Test
        void drop() throws SQLException {
            List<SchemaChange> changes = changes(ORDERS
                            + "; ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users",
                    "ALTER TABLE orders DROP CONSTRAINT orders_user");
            assertChanges(changes, "drop_foreign_key public.orders.orders_user");
            assertEquals("public.users", change(changes, 0, DropForeignKey.class).foreignKey().referencedTable().toString());
        }

        @Test
        void makeDeferrable() throws SQLException {
            List<SchemaChange> changes = changes(ORDERS
                            + "; ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users",
                    "ALTER TABLE orders ALTER CONSTRAINT orders_user DEFERRABLE INITIALLY DEFERRED");
            assertChanges(changes, "modify_constraint public.orders.orders_user");
            assertFalse(change(changes, 0, ModifyConstraint.class).validated());
        }

        @Test
        void droppingReferencedTableCascadesToTheForeignKey() throws SQLException {
            assertChanges(changes(ORDERS
                            + "; ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users",
                    "DROP TABLE users CASCADE"), "drop_foreign_key public.orders.orders_user", "drop_table public.users");
        }

        @Test
        void renamingReferencedTableDoesNotTouchTheForeignKey() throws SQLException {
            assertChanges(changes(ORDERS
                            + "; ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users",
                    "ALTER TABLE users RENAME TO accounts"), "rename_table public.users");
        }

        @Test
        void referencingAPartitionedTableIsOneForeignKey() throws SQLException {
            List<SchemaChange> changes = changes("""
                            CREATE TABLE accounts (id int PRIMARY KEY) PARTITION BY RANGE (id);
                            CREATE TABLE accounts_1 PARTITION OF accounts FOR VALUES FROM (0) TO (100);
                            CREATE TABLE accounts_2 PARTITION OF accounts FOR VALUES FROM (100) TO (200);
                            CREATE TABLE orders (id int, account_id int)""",
                    "ALTER TABLE orders ADD CONSTRAINT orders_account FOREIGN KEY (account_id) REFERENCES accounts");
            assertChanges(changes, "add_foreign_key public.orders.orders_account");
        }
    }

    @Nested
    class Checks {

        @Test
        void add() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ADD CONSTRAINT team_positive CHECK (team > 0)");
            assertChanges(changes, "add_check public.users.team_positive");
            Check check = change(changes, 0, AddCheck.class).check();
            assertEquals("(team > 0)", check.expression());
            assertEquals(List.of("team"), check.columns());
            assertTrue(check.validated());
        }

        @Test
        void addNotValidThenValidate() throws SQLException {
            List<SchemaChange> added = changes(USERS,
                    "ALTER TABLE users ADD CONSTRAINT email_present CHECK (email IS NOT NULL) NOT VALID");
            assertChanges(added, "add_check public.users.email_present");
            assertFalse(change(added, 0, AddCheck.class).check().validated());

            List<SchemaChange> validated = changes("", "ALTER TABLE users VALIDATE CONSTRAINT email_present");
            assertChanges(validated, "modify_constraint public.users.email_present");
            assertTrue(change(validated, 0, ModifyConstraint.class).validated());
        }

        @Test
        void rename() throws SQLException {
            List<SchemaChange> changes = changes(USERS + "; ALTER TABLE users ADD CONSTRAINT c1 CHECK (team > 0)",
                    "ALTER TABLE users RENAME CONSTRAINT c1 TO team_positive");
            assertChanges(changes, "rename_check public.users.c1");
            assertEquals("team_positive", change(changes, 0, RenameCheck.class).after().name());
        }

        @Test
        void drop() throws SQLException {
            assertChanges(changes(USERS + "; ALTER TABLE users ADD CONSTRAINT c1 CHECK (team > 0)",
                    "ALTER TABLE users DROP CONSTRAINT c1"), "drop_check public.users.c1");
        }

        @Test
        void renamingAColumnDoesNotModifyTheCheckOnIt() throws SQLException {
            assertChanges(changes(USERS + "; ALTER TABLE users ADD CONSTRAINT c1 CHECK (team > 0)",
                    "ALTER TABLE users RENAME COLUMN team TO squad"), "rename_column public.users.team");
        }
    }

    /** Runs set-up SQL in the test's transaction and returns the state after it. */
    private Catalog setUp(String sql) throws SQLException {
        db.connection().setAutoCommit(false);
        db.execute(sql);
        return PostgresInspector.inspect(db.connection());
    }
}
