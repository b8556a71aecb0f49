package io.schemagate.core.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddSchema;
import io.schemagate.core.schema.SchemaChange.AddTable;
import io.schemagate.core.schema.SchemaChange.DropColumn;
import io.schemagate.core.schema.SchemaChange.DropSchema;
import io.schemagate.core.schema.SchemaChange.DropTable;
import io.schemagate.core.schema.SchemaChange.ModifyColumn;
import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.ModifyTable;
import io.schemagate.core.schema.SchemaChange.RenameColumn;
import io.schemagate.core.schema.SchemaChange.RenameSchema;
import io.schemagate.core.schema.SchemaChange.RenameTable;
import io.schemagate.core.schema.Table;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Tables, columns, rewrites, partitions, schemas and statements that change nothing, on a real server. */
class TableChangesTest extends ChangeHarness {

    private static final String USERS = "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, age int)";

    @Nested
    class Tables {

        @Test
        void create() throws SQLException {
            List<SchemaChange> changes = changes("", "CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL)");
            assertChanges(changes, "add_table public.t");
            Table t = change(changes, 0, AddTable.class).table();
            assertEquals(Table.Kind.TABLE, t.kind());
            assertEquals(List.of("id", "name"), t.columns().stream().map(Column::name).toList());
            assertEquals("bigint", t.columns().get(0).type());
            assertEquals(List.of("id"), t.primaryKey().columns());
            assertTrue(t.oid() > 0 && t.relfilenode() > 0);
        }

        @Test
        void createWithSerialAddsItsSequence() throws SQLException {
            assertChanges(changes("", "CREATE TABLE t (id serial PRIMARY KEY)"),
                    "add_sequence public.t_id_seq", "add_table public.t");
        }

        @Test
        void drop() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "DROP TABLE users");
            assertChanges(changes, "drop_table public.users");
            assertEquals(3, change(changes, 0, DropTable.class).table().columns().size());
        }

        @Test
        void rename() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users RENAME TO customers");
            assertChanges(changes, "rename_table public.users");
            RenameTable rename = change(changes, 0, RenameTable.class);
            assertEquals("customers", rename.after().name());
            assertFalse(rename.moved());
        }

        @Test
        void moveToAnotherSchemaIsARename() throws SQLException {
            List<SchemaChange> changes = changes(USERS + "; CREATE SCHEMA archive", "ALTER TABLE users SET SCHEMA archive");
            assertChanges(changes, "rename_table public.users");
            assertTrue(change(changes, 0, RenameTable.class).moved());
        }

        @Test
        void dropAndCreateUnderTheSameNameIsADropAndAnAdd() throws SQLException {
            assertChanges(changes(USERS, "DO $$ BEGIN DROP TABLE users; CREATE TABLE users (id int); END $$"),
                    "drop_table public.users", "add_table public.users");
        }

        @Test
        void temporaryTablesAreNotSchema() throws SQLException {
            assertChanges(changes("", "CREATE TEMPORARY TABLE scratch (id int)"));
        }
    }

    @Nested
    class Columns {

        @Test
        void addNullable() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ADD COLUMN email text");
            assertChanges(changes, "add_column public.users.email");
            Column email = change(changes, 0, AddColumn.class).column();
            assertEquals(4, email.attnum());
            assertTrue(email.nullable());
        }

        @Test
        void addNotNullWithConstantDefaultDoesNotRewrite() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ADD COLUMN score int NOT NULL DEFAULT 0");
            assertChanges(changes, "add_column public.users.score");
            Column score = change(changes, 0, AddColumn.class).column();
            assertTrue(score.notNull());
            assertEquals("0", score.defaultExpression());
        }

        @Test
        void addWithVolatileDefaultRewrites() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ADD COLUMN r float8 DEFAULT random()");
            assertChanges(changes, "modify_table public.users", "add_column public.users.r",
                    "modify_index public.users.users_pkey");
            assertTrue(change(changes, 0, ModifyTable.class).rewritten());
            assertEquals("random()", change(changes, 1, AddColumn.class).column().defaultExpression());
            assertTrue(change(changes, 2, ModifyIndex.class).rewritten());
        }

        @Test
        void drop() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users DROP COLUMN age");
            assertChanges(changes, "drop_column public.users.age");
            assertEquals("integer", change(changes, 0, DropColumn.class).column().type());
        }

        @Test
        void rename() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users RENAME COLUMN name TO full_name");
            assertChanges(changes, "rename_column public.users.name");
            RenameColumn rename = change(changes, 0, RenameColumn.class);
            assertEquals("full_name", rename.after().name());
            assertEquals(rename.before().attnum(), rename.after().attnum());
        }

        @Test
        void dropAndAddUnderTheSameNameIsADropAndAnAdd() throws SQLException {
            assertChanges(changes(USERS, "ALTER TABLE users DROP COLUMN age, ADD COLUMN age bigint"),
                    "drop_column public.users.age", "add_column public.users.age");
        }

        @Test
        void typeChangeRewritesTableAndIndexes() throws SQLException {
            List<SchemaChange> changes = changes(USERS + "; CREATE INDEX users_age ON users (age)",
                    "ALTER TABLE users ALTER COLUMN age TYPE bigint");
            assertChanges(changes, "modify_table public.users", "modify_column public.users.age",
                    "modify_index public.users.users_age", "modify_index public.users.users_pkey");
            assertTrue(change(changes, 0, ModifyTable.class).rewritten());
            ModifyColumn age = change(changes, 1, ModifyColumn.class);
            assertEquals("integer", age.before().type());
            assertEquals("bigint", age.after().type());
            assertTrue(age.typeChanged());
            assertFalse(age.nullabilityChanged());
            ModifyIndex ageIndex = change(changes, 2, ModifyIndex.class);
            assertTrue(ageIndex.recreated(), "the server re-creates indexes on the column under the same name");
            assertTrue(ageIndex.rewritten());
            ModifyIndex pkey = change(changes, 3, ModifyIndex.class);
            assertFalse(pkey.recreated());
            assertTrue(pkey.rewritten());
        }

        @Test
        void typeChangeOfPrimaryKeyColumnKeepsKeyAndReferencingForeignKey() throws SQLException {
            List<SchemaChange> changes = changes(USERS
                            + "; CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users)",
                    "ALTER TABLE users ALTER COLUMN id TYPE bigint");
            assertChanges(changes, "modify_table public.users", "modify_column public.users.id",
                    "modify_index public.users.users_pkey");
        }

        @Test
        void widenVarcharDoesNotRewrite() throws SQLException {
            List<SchemaChange> changes = changes("CREATE TABLE t (code varchar(10)); CREATE INDEX t_code ON t (code)",
                    "ALTER TABLE t ALTER COLUMN code TYPE varchar(20)");
            assertChanges(changes, "modify_column public.t.code");
            assertEquals("character varying(20)", change(changes, 0, ModifyColumn.class).after().type());
        }

        @Test
        void setNotNull() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ALTER COLUMN age SET NOT NULL");
            assertChanges(changes, "modify_column public.users.age");
            ModifyColumn age = change(changes, 0, ModifyColumn.class);
            assertTrue(age.setNotNull());
            assertFalse(age.typeChanged() || age.defaultChanged());
        }

        @Test
        void dropNotNull() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ALTER COLUMN name DROP NOT NULL");
            assertChanges(changes, "modify_column public.users.name");
            assertTrue(change(changes, 0, ModifyColumn.class).dropNotNull());
        }

        @Test
        void setDefault() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users ALTER COLUMN age SET DEFAULT 18");
            assertChanges(changes, "modify_column public.users.age");
            ModifyColumn age = change(changes, 0, ModifyColumn.class);
            assertTrue(age.defaultChanged());
            assertNull(age.before().defaultExpression());
            assertEquals("18", age.after().defaultExpression());
        }

        @Test
        void dropDefault() throws SQLException {
            List<SchemaChange> changes = changes("CREATE TABLE t (at timestamptz DEFAULT now())",
                    "ALTER TABLE t ALTER COLUMN at DROP DEFAULT");
            assertChanges(changes, "modify_column public.t.at");
            ModifyColumn at = change(changes, 0, ModifyColumn.class);
            assertEquals("now()", at.before().defaultExpression());
            assertNull(at.after().defaultExpression());
        }

        @Test
        void addIdentityToExistingColumn() throws SQLException {
            List<SchemaChange> changes = changes("CREATE TABLE t (id int NOT NULL)",
                    "ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY");
            assertChanges(changes, "modify_column public.t.id");
            ModifyColumn id = change(changes, 0, ModifyColumn.class);
            assertTrue(id.identityChanged());
            assertEquals(Column.Identity.ALWAYS, id.after().identity());
        }

        @Test
        void addIdentityColumnRewrites() throws SQLException {
            List<SchemaChange> changes = changes(USERS,
                    "ALTER TABLE users ADD COLUMN seq bigint GENERATED BY DEFAULT AS IDENTITY");
            assertChanges(changes, "modify_table public.users", "add_column public.users.seq",
                    "modify_index public.users.users_pkey");
            Column seq = change(changes, 1, AddColumn.class).column();
            assertEquals(Column.Identity.BY_DEFAULT, seq.identity());
            assertTrue(seq.notNull());
        }

        @Test
        void addStoredGeneratedColumnRewrites() throws SQLException {
            List<SchemaChange> changes = changes(USERS,
                    "ALTER TABLE users ADD COLUMN age2 int GENERATED ALWAYS AS (age * 2) STORED");
            assertChanges(changes, "modify_table public.users", "add_column public.users.age2",
                    "modify_index public.users.users_pkey");
            Column generated = change(changes, 1, AddColumn.class).column();
            assertEquals(Column.Generated.STORED, generated.generated());
            assertEquals("(age * 2)", generated.generationExpression());
            assertNull(generated.defaultExpression());
        }

        @Test
        void dropGeneratedExpression() throws SQLException {
            List<SchemaChange> changes = changes("CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED)",
                    "ALTER TABLE t ALTER COLUMN b DROP EXPRESSION");
            assertChanges(changes, "modify_column public.t.b");
            ModifyColumn b = change(changes, 0, ModifyColumn.class);
            assertTrue(b.generatedChanged());
            assertEquals(Column.Generated.NONE, b.after().generated());
        }

        @Test
        void setCollation() throws SQLException {
            List<SchemaChange> changes = changes("CREATE TABLE t (name text)",
                    "ALTER TABLE t ALTER COLUMN name TYPE text COLLATE \"C\"");
            assertChanges(changes, "modify_column public.t.name");
            ModifyColumn name = change(changes, 0, ModifyColumn.class);
            assertTrue(name.collationChanged());
            assertNull(name.before().collation());
            assertEquals("C", name.after().collation());
        }
    }

    /** Comments on tables and columns are in the model (a plan sets them); on other objects they are not. */
    @Nested
    class Comments {
        @Test
        void onTheTable() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "COMMENT ON TABLE users IS 'people'");
            assertChanges(changes, "modify_comment public.users");
            assertEquals(new SchemaChange.ModifyComment(new QualifiedName("public", "users"), null, null, "people"),
                    changes.get(0));
        }

        @Test
        void onAColumn() throws SQLException {
            assertChanges(changes(USERS, "COMMENT ON COLUMN users.name IS 'display name'"),
                    "modify_comment public.users.name");
        }

        @Test
        void removed() throws SQLException {
            List<SchemaChange> removed = changes(USERS + "; COMMENT ON COLUMN users.name IS 'x'",
                    "COMMENT ON COLUMN users.name IS NULL");
            assertEquals(List.of(new SchemaChange.ModifyComment(new QualifiedName("public", "users"), "name", "x", null)),
                    removed);
        }

        @Test
        void onAnIndexIsNoChange() throws SQLException {
            assertChanges(changes(USERS + "; CREATE INDEX users_name ON users (name)",
                    "COMMENT ON INDEX users_name IS 'lookup'"));
        }
    }

    @Nested
    class Rewrites {

        @Test
        void vacuumFull() throws SQLException {
            List<SchemaChange> changes = changesInAutocommit(USERS, "VACUUM FULL users");
            assertChanges(changes, "modify_table public.users", "modify_index public.users.users_pkey");
            assertTrue(change(changes, 0, ModifyTable.class).rewritten());
        }

        @Test
        void cluster() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "CLUSTER users USING users_pkey");
            assertChanges(changes, "modify_table public.users", "modify_index public.users.users_pkey");
            assertTrue(change(changes, 0, ModifyTable.class).rewritten());
        }

        @Test
        void setUnlogged() throws SQLException {
            List<SchemaChange> changes = changes(USERS, "ALTER TABLE users SET UNLOGGED");
            assertChanges(changes, "modify_table public.users", "modify_index public.users.users_pkey");
            ModifyTable users = change(changes, 0, ModifyTable.class);
            assertTrue(users.persistenceChanged());
            assertTrue(users.rewritten());
        }

        @Test
        void truncateGivesNewStorage() throws SQLException {
            // Not a schema change, but the relfilenode does change: reported as what the server did. (A table created
            // in the same transaction is truncated in place, hence autocommit here.)
            assertChanges(changesInAutocommit(USERS, "TRUNCATE users"),
                    "modify_table public.users", "modify_index public.users.users_pkey");
        }
    }

    @Nested
    class Partitions {

        private static final String EVENTS = "CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)";

        @Test
        void createPartitioned() throws SQLException {
            List<SchemaChange> changes = changes("", EVENTS);
            assertChanges(changes, "add_table public.events");
            Table events = change(changes, 0, AddTable.class).table();
            assertEquals(Table.Kind.PARTITIONED, events.kind());
            assertEquals("RANGE (at)", events.partitionKey());
            assertEquals(0, events.relfilenode());
        }

        @Test
        void createPartition() throws SQLException {
            List<SchemaChange> changes = changes(EVENTS,
                    "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            assertChanges(changes, "add_table public.events_2024");
            Table.PartitionOf of = change(changes, 0, AddTable.class).table().partitionOf();
            assertEquals("public.events", of.parent().toString());
            assertEquals("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", of.bound());
        }

        @Test
        void attach() throws SQLException {
            List<SchemaChange> changes = changes(EVENTS + "; CREATE TABLE events_2024 (id bigint, at date NOT NULL)",
                    "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            assertChanges(changes, "modify_table public.events_2024");
            ModifyTable attached = change(changes, 0, ModifyTable.class);
            assertTrue(attached.attached());
            assertFalse(attached.rewritten());
        }

        @Test
        void attachCreatesTheParentsIndexesOnThePartition() throws SQLException {
            List<SchemaChange> changes = changes(EVENTS + "; CREATE INDEX events_id ON events (id);"
                            + " CREATE TABLE events_2024 (id bigint, at date NOT NULL)",
                    "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
            assertChanges(changes, "modify_table public.events_2024", "add_index public.events_2024.events_2024_id_idx");
        }

        @Test
        void detach() throws SQLException {
            List<SchemaChange> changes = changes(EVENTS
                            + "; CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                    "ALTER TABLE events DETACH PARTITION events_2024");
            assertChanges(changes, "modify_table public.events_2024");
            assertTrue(change(changes, 0, ModifyTable.class).detached());
        }

        @Test
        void indexOnTheParentIsCreatedOnEveryPartition() throws SQLException {
            assertChanges(changes(EVENTS
                            + "; CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                    "CREATE INDEX events_at ON events (at)"),
                    "add_index public.events.events_at", "add_index public.events_2024.events_2024_at_idx");
        }

        @Test
        void triggerOnTheParentIsListedOnTheParentOnly() throws SQLException {
            assertChanges(changes(EVENTS
                            + "; CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
                            + "; CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                    "CREATE TRIGGER events_f BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION f()"),
                    "add_trigger public.events.events_f");
        }

        @Test
        void renamingTheParentDoesNotModifyPartitions() throws SQLException {
            assertChanges(changes(EVENTS
                            + "; CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                    "ALTER TABLE events RENAME TO happenings"), "rename_table public.events");
        }
    }

    @Nested
    class Schemas {

        @Test
        void create() throws SQLException {
            List<SchemaChange> changes = changes("", "CREATE SCHEMA billing");
            assertChanges(changes, "add_schema billing");
            assertTrue(change(changes, 0, AddSchema.class).schema().isEmpty());
        }

        @Test
        void createWithElementsIsOneChange() throws SQLException {
            List<SchemaChange> changes = changes("", "CREATE SCHEMA billing CREATE TABLE invoices (id int)");
            assertChanges(changes, "add_schema billing");
            assertEquals("invoices", change(changes, 0, AddSchema.class).schema().tables().get(0).name());
        }

        @Test
        void renameDoesNotRenameItsTables() throws SQLException {
            List<SchemaChange> changes = changes("CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int)",
                    "ALTER SCHEMA billing RENAME TO accounting");
            assertChanges(changes, "rename_schema billing");
            assertEquals("accounting", change(changes, 0, RenameSchema.class).after().name());
        }

        @Test
        void dropCascadeIsOneChangeCarryingWhatWasDropped() throws SQLException {
            List<SchemaChange> changes = changes("CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int)",
                    "DROP SCHEMA billing CASCADE");
            assertChanges(changes, "drop_schema billing");
            assertEquals(1, change(changes, 0, DropSchema.class).schema().tables().size());
        }
    }

    @Nested
    class NoChange {

        @Test
        void insert() throws SQLException {
            assertChanges(changes(USERS, "INSERT INTO users VALUES (1, 'ada', 36)"));
        }

        @Test
        void update() throws SQLException {
            assertChanges(changes(USERS + "; INSERT INTO users VALUES (1, 'ada', 36)", "UPDATE users SET age = 37"));
        }

        @Test
        void grant() throws SQLException {
            assertChanges(changes(USERS, "GRANT SELECT ON users TO PUBLIC"));
        }

        @Test
        void analyze() throws SQLException {
            assertChanges(changes(USERS, "ANALYZE users"));
        }

        @Test
        void setStatistics() throws SQLException {
            assertChanges(changes(USERS, "ALTER TABLE users ALTER COLUMN age SET STATISTICS 500"));
        }

        @Test
        void select() throws SQLException {
            assertChanges(changes(USERS, "SELECT count(*) FROM users"));
        }

        private static final String TYPED = """
                CREATE SCHEMA billing; CREATE TYPE billing.status AS ENUM ('open', 'paid');
                CREATE TYPE mood AS ENUM ('sad', 'ok');
                CREATE TABLE billing.invoices (id serial PRIMARY KEY, status billing.status, feeling mood)""";

        @Test
        void setSearchPath() throws SQLException {
            assertChanges(changes(TYPED, "SET search_path = billing"));
        }

        @Test
        void emptySearchPathAsInPgDumpFiles() throws SQLException {
            assertChanges(changes(TYPED, "SELECT pg_catalog.set_config('search_path', '', false)"));
        }

        @Test
        void setLocalSearchPath() throws SQLException {
            assertChanges(changes(TYPED, "SET LOCAL search_path = billing, public"));
        }
    }

    @Nested
    class SearchPath {

        @Test
        void namesReadTheSameWhateverTheSessionsPath() throws SQLException {
            List<SchemaChange> changes = changes("""
                            CREATE SCHEMA billing; CREATE TYPE billing.status AS ENUM ('open', 'paid');
                            CREATE TYPE mood AS ENUM ('sad', 'ok');
                            CREATE TABLE billing.invoices (id int);
                            SET LOCAL search_path = ''""",
                    "ALTER TABLE billing.invoices ADD COLUMN status billing.status, ADD COLUMN feeling public.mood,"
                            + " ADD COLUMN n serial");
            assertChanges(changes, "add_sequence billing.invoices_n_seq", "modify_table billing.invoices",
                    "add_column billing.invoices.status", "add_column billing.invoices.feeling",
                    "add_column billing.invoices.n");
            assertEquals("billing.status", change(changes, 2, AddColumn.class).column().type());
            assertEquals("mood", change(changes, 3, AddColumn.class).column().type());
            assertEquals("nextval('billing.invoices_n_seq'::regclass)",
                    change(changes, 4, AddColumn.class).column().defaultExpression());
        }
    }
}
