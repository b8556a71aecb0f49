package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.plan.Plan;
import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL planner, end to end on the local server: a directory and a desired schema are planned, the plan's
 * files are written into the directory, and planning again must find nothing left to do. Each desired schema covers
 * one family of objects and attributes.
 */
class PostgresPlanTest {
    static final Instant NOW = PlanHarness.NOW;

    @TempDir
    Path temp;

    @BeforeAll
    static void server() {
        LocalPostgres.require();
    }

    private PlanHarness plans() {
        return new PlanHarness(temp, LocalPostgres.URL);
    }

    @Test
    void aWholeSchemaFromAnEmptyDirectory() throws Exception {
        MigrationDir dir = plans().directory();
        String plan = plans().planWriteAndReplan(dir, """
                CREATE SCHEMA billing;
                CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
                CREATE SEQUENCE billing.invoice_numbers AS integer START 1000 INCREMENT 10 CACHE 5;
                CREATE TABLE users (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  email text NOT NULL UNIQUE,
                  name varchar(100) COLLATE "C",
                  feeling mood DEFAULT 'ok',
                  created_at timestamptz NOT NULL DEFAULT now(),
                  score numeric(10, 2) CHECK (score >= 0),
                  email_lower text GENERATED ALWAYS AS (lower(email)) STORED
                );
                CREATE TABLE billing.invoices (
                  id serial PRIMARY KEY,
                  number integer NOT NULL DEFAULT nextval('billing.invoice_numbers'),
                  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                  total numeric NOT NULL,
                  "Order" int,
                  CONSTRAINT positive_total CHECK (total > 0),
                  CONSTRAINT one_number UNIQUE (number)
                );
                CREATE INDEX invoices_user_idx ON billing.invoices (user_id) INCLUDE (total);
                CREATE INDEX users_recent_idx ON users (created_at DESC) WHERE email IS NOT NULL;
                CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));
                CREATE INDEX users_name_gin ON users USING gin (to_tsvector('simple', coalesce(name, '')));
                CREATE UNLOGGED TABLE scratch (k text PRIMARY KEY);
                CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                CREATE INDEX events_at_idx ON events (at);
                CREATE VIEW active_users AS SELECT id, email FROM users WHERE email IS NOT NULL;
                CREATE VIEW active_user_count AS SELECT count(*) AS n FROM active_users;
                CREATE MATERIALIZED VIEW billing.totals AS SELECT user_id, sum(total) AS total FROM billing.invoices GROUP BY user_id;
                CREATE UNIQUE INDEX totals_user_idx ON billing.totals (user_id);
                COMMENT ON TABLE users IS 'People who sign in';
                COMMENT ON COLUMN users.email IS 'Unique; it''s how they sign in';
                COMMENT ON COLUMN events_2026.at IS 'partition column';
                """, PlanOptions.SAFE);
        assertTrue(plan.contains("COMMENT ON COLUMN public.users.email IS 'Unique; it''s how they sign in'"), plan);
        assertTrue(plan.indexOf("CREATE TABLE public.events_2026") < plan.indexOf("COMMENT ON COLUMN public.events_2026.at"),
                plan);
        // New tables take their indexes in the same file: nothing to build concurrently.
        assertFalse(plan.contains("CONCURRENTLY"), plan);
        assertFalse(plan.contains("atlas:txmode none"), plan);
        assertTrue(plan.indexOf("CREATE TYPE public.mood") < plan.indexOf("CREATE TABLE public.users"), plan);
        assertTrue(plan.indexOf("CREATE VIEW public.active_users") < plan.indexOf("CREATE VIEW public.active_user_count"),
                plan);
        assertTrue(plan.contains("\"Order\" integer"), plan);
    }

    @Test
    void changesToExistingTablesAreSafeByDefault() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                CREATE TABLE users (id bigint PRIMARY KEY, email text, nick text, age integer DEFAULT 0, legacy text);
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount integer);
                CREATE INDEX orders_amount_idx ON orders (amount);
                CREATE TABLE old_things (id int PRIMARY KEY, user_id bigint REFERENCES users (id));
                CREATE VIEW user_emails AS SELECT id, email, age FROM users;
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TYPE mood AS ENUM ('meh', 'sad', 'ok', 'happy', 'ecstatic');
                CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nick text, age bigint DEFAULT 18,
                                    feeling mood, CONSTRAINT adult CHECK (age >= 18));
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), amount integer NOT NULL);
                CREATE INDEX orders_user_idx ON orders (user_id);
                CREATE VIEW user_emails AS SELECT id, email, age FROM users;
                """, PlanOptions.SAFE);
        String online = plan.substring(plan.indexOf("atlas:txmode none"));
        assertTrue(online.contains("CREATE INDEX CONCURRENTLY orders_user_idx"), plan);
        assertTrue(online.contains("VALIDATE CONSTRAINT orders_user_id_fkey"), plan);
        assertTrue(online.contains("VALIDATE CONSTRAINT adult"), plan);
        assertTrue(online.contains("ALTER COLUMN email SET NOT NULL"), plan);
        assertTrue(plan.contains("ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID"),
                plan);
        assertTrue(plan.contains("ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'sad'"), plan);
        // The view reading the retyped column is dropped first and created again after.
        assertTrue(plan.indexOf("DROP VIEW public.user_emails") < plan.indexOf("TYPE bigint"), plan);
        assertTrue(plan.indexOf("TYPE bigint") < plan.indexOf("CREATE VIEW public.user_emails"), plan);
    }

    /** Comments are set, changed and removed in place; a column re-added (made generated) keeps its comment. */
    @Test
    void commentsAreSetChangedAndRemoved() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, d int);
                COMMENT ON TABLE t IS 'old';
                COMMENT ON COLUMN t.a IS 'a';
                COMMENT ON COLUMN t.b IS 'b';
                COMMENT ON COLUMN t.d IS 'kept';
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, d int GENERATED ALWAYS AS (id * 2) STORED,
                                e int);
                COMMENT ON TABLE t IS 'new';
                COMMENT ON COLUMN t.b IS 'B';
                COMMENT ON COLUMN t.c IS 'c';
                COMMENT ON COLUMN t.d IS 'kept';
                COMMENT ON COLUMN t.e IS 'added';
                COMMENT ON COLUMN t.id IS E'one\\n-- migrate:down\\nback\\\\slash \\'; DROP TABLE t; --';
                """);
        // On one line, escaped: the same text whatever standard_conforming_strings says, and no line of it a directive.
        assertTrue(plan.contains("COMMENT ON COLUMN public.t.id IS E'one\\n-- migrate:down\\nback\\\\slash ''; DROP TABLE t; --';"),
                plan);
        assertTrue(plan.contains("COMMENT ON TABLE public.t IS 'new';"), plan);
        assertTrue(plan.contains("COMMENT ON COLUMN public.t.a IS NULL;"), plan);
        assertTrue(plan.contains("COMMENT ON COLUMN public.t.b IS 'B';"), plan);
        assertTrue(plan.contains("COMMENT ON COLUMN public.t.c IS 'c';"), plan);
        assertTrue(plan.contains("COMMENT ON COLUMN public.t.d IS 'kept';"), plan);
        assertTrue(plan.contains("COMMENT ON COLUMN public.t.e IS 'added';"), plan);
    }

    @Test
    void withoutTheSafeOptionsEverythingRunsInOneTransactionalFile() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id int PRIMARY KEY, a int, b int);\n"
                + "CREATE TABLE u (id int PRIMARY KEY);\n");
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE u (id int PRIMARY KEY);
                CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int REFERENCES u (id));
                CREATE INDEX t_a_idx ON t (a);
                """, new PlanOptions(false, false));
        assertFalse(plan.contains("atlas:txmode none"), plan);
        assertFalse(plan.contains("CONCURRENTLY"), plan);
        assertFalse(plan.contains("NOT VALID"), plan);
        assertTrue(plan.contains("ALTER COLUMN a SET NOT NULL"), plan);
    }

    @Test
    void dropsComeBeforeWhatReplacesThemAndRenamesAreNeverGuessed() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE parents (id int PRIMARY KEY);
                CREATE TABLE children (id int PRIMARY KEY, parent_id int REFERENCES parents (id), full_name text);
                CREATE SEQUENCE counters;
                CREATE TYPE color AS ENUM ('red');
                CREATE TABLE paint (id int PRIMARY KEY, c color);
                """);
        DiffResult result = plans().diff(dir, """
                CREATE TABLE children (id int PRIMARY KEY, display_name text);
                """, PlanOptions.SAFE);
        assertEquals(List.of(), result.residual());
        String plan = PlanHarness.text(result);
        assertTrue(plan.contains("column full_name is dropped and display_name added with the same type; if that is a"
                + " rename, write ALTER TABLE public.children RENAME COLUMN full_name TO display_name"), plan);
        assertTrue(plan.indexOf("DROP CONSTRAINT children_parent_id_fkey") < plan.indexOf("DROP TABLE public.parents"),
                plan);
        assertTrue(plan.indexOf("DROP TABLE public.paint") < plan.indexOf("DROP TYPE public.color"), plan);
    }

    /**
     * A table renamed by hand keeps its serial's sequence name: the desired schema has the sequence, owned by the new
     * table. Dropping the old table would take the sequence along, so it is released first and owned again after.
     */
    @Test
    void aSequenceKeptByNameOutlivesTheTableThatOwnedIt() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE targets (id serial PRIMARY KEY, url text);\n");
        String plan = plans().planWriteAndReplan(dir, """
                CREATE SEQUENCE targets_id_seq AS integer;
                CREATE TABLE registries (id integer NOT NULL DEFAULT nextval('targets_id_seq') PRIMARY KEY, url text);
                ALTER SEQUENCE targets_id_seq OWNED BY registries.id;
                """, PlanOptions.SAFE);
        assertTrue(plan.indexOf("ALTER SEQUENCE public.targets_id_seq OWNED BY NONE")
                < plan.indexOf("DROP TABLE public.targets"), plan);
        assertTrue(plan.indexOf("CREATE TABLE public.registries")
                < plan.indexOf("ALTER SEQUENCE public.targets_id_seq OWNED BY public.registries.id"), plan);
    }

    /**
     * Triggers are written by hand: also those of a table the plan creates, which the notes name like any other. A
     * plan with nothing to run still reports what differs.
     */
    @Test
    void triggersOfANewTableAreNotedAndRemainAsResidual() throws Exception {
        String function = """
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
                """;
        MigrationDir dir = plans().directory("1_base.sql", function);
        String desired = function + """
                CREATE TABLE items (id int PRIMARY KEY, updated_at timestamptz);
                CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
                """;
        DiffResult first = plans().diff(dir, desired, PlanOptions.SAFE);
        assertTrue(first.plan().notes().contains("add_trigger public.items.items_touch: not planned (functions,"
                + " triggers and this change are written by hand)"), first.plan().notes().toString());
        assertEquals(List.of("add_trigger public.items.items_touch"),
                first.residual().stream().map(c -> c.kind() + " " + c.object()).toList());

        PlanFiles.write(dir, new AtlasFormat(), first.files());
        DiffResult second = plans().diff(dir, desired, PlanOptions.SAFE);
        assertTrue(second.plan().isEmpty(), PlanHarness.text(second));
        assertEquals(first.residual(), second.residual());
    }

    /**
     * golang-migrate creates schema_migrations before the first file, which may use it: the replay does too, and the
     * desired schema, which does not mention it, plans neither its creation nor its drop.
     */
    @Test
    void aToolsOwnTableIsThereAndLeftAlone() throws Exception {
        Path path = Files.createTempDirectory(temp, "golang-migrate");
        Files.writeString(path.resolve("1_base.up.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n"
                + "UPDATE schema_migrations SET dirty = false WHERE version = 0;\n");
        MigrationDir dir = new MigrationDir(path, "migrations");
        GolangMigrateFormat format = new GolangMigrateFormat();
        Path schema = Files.createTempFile(temp, "schema", ".sql");
        Files.writeString(schema, "CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE u (id int PRIMARY KEY);\n");
        DiffRequest request = new DiffRequest(dir, format, new DesiredSchema(schema), DevUrl.parse(LocalPostgres.URL),
                DevSettings.defaults(), PlanOptions.SAFE);

        DiffResult first = MigrateDiff.run(request, "next", NOW);
        assertEquals(List.of("CREATE TABLE public.u (\n  id integer NOT NULL,\n  CONSTRAINT u_pkey PRIMARY KEY (id)\n)"),
                first.plan().statements().stream().map(Plan.PlannedStatement::sql).toList(), PlanHarness.text(first));
        assertEquals(List.of(), first.residual());
        PlanFiles.write(dir, format, first.files());
        assertTrue(MigrateDiff.run(request, "next", NOW).plan().isEmpty());
    }

    @Test
    void aDirectoryInSyncPlansNothingAndWritesNothing() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");

        DiffResult result = plans().diff(dir, "CREATE TABLE t (id int PRIMARY KEY);\n", PlanOptions.SAFE);

        assertTrue(result.plan().isEmpty());
        assertEquals(List.of(), result.files());
    }

    @Test
    void aBrokenDesiredSchemaIsNamedWithItsLine() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");

        PlanException e = assertThrows(PlanException.class, () -> plans().diff(dir,
                "CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE u (id nosuchtype);\n", PlanOptions.SAFE));

        assertTrue(e.getMessage().matches(".*schema[0-9]*\\.sql:2: .*nosuchtype.*\\(in the desired schema\\)"),
                e.getMessage());
    }

    @Test
    void aNewEnumLabelIsAddedInAFileOfItsOwnBeforeItIsUsed() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TYPE mood AS ENUM ('sad');\n"
                + "CREATE TABLE people (id int PRIMARY KEY, m mood);\n");
        String plan = plans().planWriteAndReplan(dir, "CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
                + "CREATE TABLE people (id int PRIMARY KEY, m mood DEFAULT 'happy');\n", PlanOptions.SAFE);
        assertTrue(plan.startsWith("== 2_next_enum_values.sql\n-- atlas:txmode none"), plan);
        assertTrue(plan.indexOf("ADD VALUE 'happy'") < plan.indexOf("SET DEFAULT 'happy'::mood"), plan);
    }

    @Test
    void aViewChainOverARetypedColumnIsDroppedReadersFirst() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE t (id int PRIMARY KEY, x int);
                CREATE VIEW a AS SELECT id, x FROM t;
                CREATE VIEW b AS SELECT id, x FROM a;
                CREATE VIEW c AS SELECT id, x FROM b;
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE t (id int PRIMARY KEY, x bigint);
                CREATE VIEW a AS SELECT id, x FROM t;
                CREATE VIEW b AS SELECT id, x FROM a;
                CREATE VIEW c AS SELECT id, x FROM b;
                """, PlanOptions.SAFE);
        assertTrue(plan.indexOf("DROP VIEW public.c") < plan.indexOf("DROP VIEW public.b"), plan);
        assertTrue(plan.indexOf("DROP VIEW public.b") < plan.indexOf("DROP VIEW public.a"), plan);
    }

    @Test
    void aSerialBecomingAnIdentityContinuesAfterItsNumbers() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE s (id serial PRIMARY KEY, v text);\n"
                + "INSERT INTO s (v) VALUES ('a'), ('b');\n");
        String plan = plans().planWriteAndReplan(dir, "CREATE TABLE s (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                + " v text);\n", PlanOptions.SAFE);
        assertTrue(plan.indexOf("ADD GENERATED BY DEFAULT AS IDENTITY") < plan.indexOf("pg_catalog.setval("), plan);
        assertTrue(plan.contains("coalesce(max(id), 0) + 1, false) FROM public.s"), plan);
    }

    /** --to postgres://…: the database is read as it is (never changed), and the tools' own tables are left out. */
    @Test
    void theDesiredSchemaMayBeAnExistingDatabase() throws Exception {
        String name = "sg_test_desired_" + Long.toHexString(System.nanoTime());
        try (Connection admin = LocalPostgres.admin()) {
            LocalPostgres.execute(admin, "CREATE DATABASE " + name);
        }
        try {
            try (Connection c = LocalPostgres.admin(name)) {
                LocalPostgres.execute(c, "CREATE TABLE users (id bigint PRIMARY KEY, email text)");
                LocalPostgres.execute(c, "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean)");
                LocalPostgres.execute(c, "CREATE SCHEMA atlas_schema_revisions");
            }
            MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            DesiredSchema desired = DesiredSchema.parse(
                    LocalPostgres.URL.substring(0, LocalPostgres.URL.lastIndexOf('/') + 1) + name);
            DiffRequest request = new DiffRequest(dir, new AtlasFormat(), desired, DevUrl.parse(LocalPostgres.URL),
                    DevSettings.defaults(), PlanOptions.SAFE);

            DiffResult first = MigrateDiff.run(request, "next", NOW);

            assertEquals(List.of(), first.residual(), PlanHarness.text(first));
            assertEquals(List.of("ALTER TABLE public.users ADD COLUMN email text"),
                    first.plan().statements().stream().map(st -> st.sql()).toList(), PlanHarness.text(first));
            PlanFiles.write(dir, new AtlasFormat(), first.files());
            assertTrue(MigrateDiff.run(request, "next", NOW).plan().isEmpty());
            assertTrue(desired.display().startsWith("postgres://postgres@127.0.0.1:5432/" + name), desired.display());
        } finally {
            try (Connection admin = LocalPostgres.admin()) {
                LocalPostgres.execute(admin, "DROP DATABASE IF EXISTS " + name);
            }
        }
    }
}
