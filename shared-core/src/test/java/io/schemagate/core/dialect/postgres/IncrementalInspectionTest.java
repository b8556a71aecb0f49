package io.schemagate.core.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.corpus.CorpusDirectories;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryLoader;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.LoadedDirectory;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.migrate.MigrationFile;
import io.schemagate.core.replay.FileRun;
import io.schemagate.core.replay.Inspector;
import io.schemagate.core.replay.Observation;
import io.schemagate.core.replay.Replayer;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading only the relations a statement locked gives the same schema as reading the whole catalog: after every
 * statement of the last 10 files of each PostgreSQL corpus in ../shared/corpora (and of a file written to stress what
 * no lock shows: renames of tables other objects name, schema and type renames, comments, dropped relations, and of
 * files for sequences, functions and types, file starts and what a commit runs), the scoped inspection is compared
 * with a whole one, record for record; so is the schema each new file starts from.
 */
class IncrementalInspectionTest {
    private static final int NEW_FILES = 10;

    @TempDir
    Path temp;

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    @Test
    void harbor() throws Exception {
        Path harbor = SharedData.corpus("harbor").resolve("make/migrations/postgresql");
        Counts counts = assertSameAsWholeInspection(new MigrationDir(harbor, "harbor"), new GolangMigrateFormat(),
                NEW_FILES);
        assertEquals(50, counts.scoped(), "every statement whose locks were observed read its scope alone");
        assertEquals(NEW_FILES - 1, counts.keptAtFileStart(), "no commit runs code of the migration's own");
    }

    @Test
    void kratos() throws Exception {
        MigrationDir dir = CorpusDirectories.kratosAtlas(temp, "kratos-postgres",
                CorpusDirectories.kratos("postgres", Set.of(), null));
        Counts counts = assertSameAsWholeInspection(dir, new AtlasFormat(), NEW_FILES);
        assertEquals(14, counts.scoped(), "statements inspected by scope alone");
        assertEquals(NEW_FILES - 1, counts.keptAtFileStart());
    }

    /** Temporal's files run outside a transaction: nothing is observed, every inspection is whole (and still equal). */
    @Test
    void temporal() throws Exception {
        Counts counts = assertSameAsWholeInspection(CorpusDirectories.temporal(temp, "schema/postgresql/v12",
                "temporal"), new AtlasFormat(), NEW_FILES);
        assertEquals(0, counts.scoped());
        assertEquals(NEW_FILES - 1, counts.keptAtFileStart(), "each inspection was whole, the last one after the commit");
    }

    /** What a lock does not point at: each statement is compared, and the scoped path is taken where it may be. */
    @Test
    void changesNoLockPointsAt() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("stress"));
        Files.writeString(dir.resolve("1_base.sql"), """
                CREATE SCHEMA app;
                CREATE TYPE app.mood AS ENUM ('ok');
                CREATE DOMAIN app.points AS int;
                CREATE TABLE app.users (id bigint PRIMARY KEY, name text, feeling app.mood, score app.points);
                CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint REFERENCES app.users (id));
                CREATE VIEW app.user_names AS SELECT id, name FROM app.users;
                CREATE TABLE app.events (id bigint, at date) PARTITION BY RANGE (at);
                CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                CREATE INDEX users_name ON app.users (name);
                CREATE TABLE app.boxes (id bigint, owner app.users, owners app.users[]);
                CREATE TYPE app.addr AS (street text);
                CREATE TABLE app.sites (id bigint, at app.addr, src regclass DEFAULT 'app.orders'::regclass);
                CREATE FUNCTION app.noop() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
                CREATE CONSTRAINT TRIGGER watch AFTER INSERT ON app.sites FROM app.orders DEFERRABLE
                    FOR EACH ROW EXECUTE FUNCTION app.noop();
                """);
        Files.writeString(dir.resolve("2_new.sql"), """
                ALTER TYPE app.addr RENAME TO address;
                SAVEPOINT s;
                ALTER TABLE app.sites ADD CONSTRAINT positive CHECK (id > 0);
                ROLLBACK TO SAVEPOINT s;
                ALTER TABLE app.orders RENAME TO purchases;
                ALTER TABLE app.purchases RENAME TO orders;
                ALTER TABLE app.users RENAME TO people;
                ALTER TABLE app.people RENAME COLUMN name TO full_name;
                ALTER INDEX app.users_name RENAME TO people_name;
                COMMENT ON COLUMN app.people.full_name IS 'as written';
                COMMENT ON INDEX app.people_name IS 'lookup';
                ALTER TABLE app.events RENAME TO happenings;
                ALTER DOMAIN app.points RENAME TO score;
                ALTER TYPE app.mood RENAME TO feeling;
                ALTER TYPE app.feeling ADD VALUE 'sad';
                CREATE TABLE app.notes (id bigint PRIMARY KEY, person_id bigint REFERENCES app.people (id));
                INSERT INTO app.notes VALUES (1, NULL);
                DROP VIEW app.user_names;
                ALTER SCHEMA app RENAME TO core;
                DROP TABLE core.orders CASCADE;
                CREATE INDEX notes_person ON core.notes (person_id);
                SAVEPOINT d;
                DROP TABLE core.boxes;
                ROLLBACK TO SAVEPOINT d;
                ALTER TABLE core.notes ADD COLUMN extra int;
                SAVEPOINT e;
                DROP TABLE core.notes;
                ROLLBACK TO SAVEPOINT e;
                COMMENT ON TABLE core.notes IS 'kept';
                """);
        MigrationDir migrations = new MigrationDir(dir, "stress");
        io.schemagate.core.migrate.DirectoryHasher.hash(migrations, new AtlasFormat());
        // Renames of types, a domain or the schema and the savepoints rolled back fall back to whole inspections;
        // the rest read their scope, also after a drop (the dropped relation's lock is still held, under no name).
        assertEquals(22, assertSameAsWholeInspection(migrations, new AtlasFormat(), 1).scoped());
    }

    /**
     * What is not a relation: sequences (read by scope), enums, functions and types (kept while the name guard holds),
     * and what names them from inside relations no lock points at.
     */
    @Test
    void changesOutsideRelations() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(dir.resolve("1_base.sql"), """
                CREATE SCHEMA app;
                CREATE TYPE app.mood AS ENUM ('ok');
                CREATE TYPE app.pair AS (a int, b int);
                CREATE TABLE app.users (id serial PRIMARY KEY, name text, feeling app.mood, p app.pair);
                CREATE SEQUENCE app.tickets;
                CREATE TABLE app.orders (id bigint DEFAULT nextval('app.tickets'), user_id int);
                CREATE FUNCTION app.greet(u app.users) RETURNS text LANGUAGE sql AS 'SELECT u.name';
                CREATE FUNCTION app.everyone() RETURNS SETOF app.users LANGUAGE sql AS 'SELECT * FROM app.users';
                CREATE TABLE app.plain (id int);
                """);
        Files.writeString(dir.resolve("2_new.sql"), """
                ALTER SEQUENCE app.tickets INCREMENT BY 5;
                ALTER SEQUENCE app.tickets RENAME TO numbers;
                ALTER TABLE app.users RENAME TO people;
                ALTER TABLE app.people RENAME COLUMN id TO person_id;
                CREATE SEQUENCE app.extra OWNED BY app.plain.id;
                ALTER TABLE app.plain RENAME TO simple;
                ALTER TABLE app.simple ADD COLUMN n bigserial;
                DROP SEQUENCE app.extra;
                ALTER TABLE app.simple ADD COLUMN m int;
                CREATE TYPE app.empty AS ENUM ();
                ALTER TABLE app.simple ADD COLUMN k int;
                CREATE TYPE app.point2 AS (x int, y int);
                ALTER TABLE app.simple ADD COLUMN pt app.point2;
                ALTER TYPE app.point2 RENAME TO point;
                ALTER TABLE app.simple ADD COLUMN j int;
                ALTER TYPE app.pair SET SCHEMA public;
                ALTER TABLE app.simple ADD COLUMN i int;
                ALTER TYPE app.mood ADD VALUE 'meh';
                ALTER TABLE app.simple ADD COLUMN h int;
                CREATE FUNCTION app.two() RETURNS int LANGUAGE sql AS 'SELECT 2';
                ALTER TABLE app.simple ADD COLUMN g int;
                CREATE OR REPLACE FUNCTION app.two() RETURNS int LANGUAGE sql AS 'SELECT 2 + 0';
                ALTER TABLE app.simple ADD COLUMN f int;
                ALTER TABLE app.orders ALTER COLUMN id DROP DEFAULT;
                DROP SEQUENCE app.numbers;
                CREATE TABLE app.more (id int GENERATED ALWAYS AS IDENTITY, s serial);
                ALTER TABLE app.more ALTER COLUMN id DROP IDENTITY;
                """);
        MigrationDir migrations = new MigrationDir(dir, "outside");
        io.schemagate.core.migrate.DirectoryHasher.hash(migrations, new AtlasFormat());
        // Type and function changes fall back to whole inspections; sequences, renames of tables that sequences and
        // functions name, serial and identity columns read their scope.
        assertEquals(20, assertSameAsWholeInspection(migrations, new AtlasFormat(), 1).scoped());
    }

    /**
     * A new file starts from the last file's last schema when its commit ran nothing of the migration's own: each
     * start is compared with a whole inspection, also where a type made in one file is renamed in the next.
     */
    @Test
    void fileStartsKeepTheLastSchema() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("starts"));
        Files.writeString(dir.resolve("1_base.sql"), """
                CREATE SCHEMA app;
                CREATE TABLE app.users (id bigint PRIMARY KEY, name text);
                """);
        Files.writeString(dir.resolve("2_composite.sql"), """
                CREATE TYPE app.pair AS (a int, b int);
                CREATE TABLE app.uses (id int, p app.pair);
                """);
        Files.writeString(dir.resolve("3_rename.sql"), """
                ALTER TYPE app.pair RENAME TO couple;
                ALTER TABLE app.users ADD COLUMN note text;
                """);
        Files.writeString(dir.resolve("4_enum.sql"), """
                CREATE TYPE app.mood AS ENUM ();
                CREATE TABLE app.feelings (m app.mood);
                """);
        Files.writeString(dir.resolve("5_more.sql"), """
                ALTER TYPE app.mood ADD VALUE 'ok';
                ALTER TYPE app.couple SET SCHEMA public;
                """);
        Files.writeString(dir.resolve("6_last.sql"), """
                CREATE INDEX users_name ON app.users (name);
                DROP TABLE app.uses;
                """);
        MigrationDir migrations = new MigrationDir(dir, "starts");
        io.schemagate.core.migrate.DirectoryHasher.hash(migrations, new AtlasFormat());
        assertEquals(4, assertSameAsWholeInspection(migrations, new AtlasFormat(), 5).keptAtFileStart());
    }

    /**
     * What a commit can run — a deferred constraint trigger's function, ON COMMIT DROP of a temporary table and what
     * depends on it — changes the schema where no statement's inspection looked: the next file starts whole.
     */
    @Test
    void commitTimeCodeMeansAWholeFileStart() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("commit"));
        Files.writeString(dir.resolve("1_base.sql"), """
                CREATE SCHEMA app;
                CREATE TABLE app.log (id int, n bigint);
                CREATE TABLE app.plain (id int);
                """);
        Files.writeString(dir.resolve("2_temporary.sql"), """
                CREATE TEMPORARY TABLE scratch (id serial) ON COMMIT DROP;
                ALTER TABLE app.log ALTER COLUMN n SET DEFAULT nextval('scratch_id_seq');
                """);
        Files.writeString(dir.resolve("3_trigger.sql"), """
                CREATE FUNCTION app.at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    ALTER TABLE app.log ADD COLUMN IF NOT EXISTS added_at_commit int;
                    RETURN NULL;
                END $$;
                CREATE TABLE app.watched (id int);
                CREATE CONSTRAINT TRIGGER at_commit AFTER INSERT ON app.watched INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION app.at_commit();
                """);
        Files.writeString(dir.resolve("4_fire.sql"), """
                INSERT INTO app.watched VALUES (1);
                """);
        Files.writeString(dir.resolve("5_after.sql"), """
                ALTER TABLE app.plain ADD COLUMN m int;
                """);
        MigrationDir migrations = new MigrationDir(dir, "commit");
        io.schemagate.core.migrate.DirectoryHasher.hash(migrations, new AtlasFormat());
        assertEquals(0, assertSameAsWholeInspection(migrations, new AtlasFormat(), 4).keptAtFileStart(),
                "a temporary table, then a deferred trigger with a user function: every start after them is whole");
    }

    /** How a replay's inspections went: read by scope alone, and file starts that kept the last file's schema. */
    private record Counts(int scoped, int keptAtFileStart) {
    }

    /**
     * Replays the base, then each new file with the scoped inspector checked against a whole inspection, after every
     * statement and at the start of every new file.
     */
    private static Counts assertSameAsWholeInspection(MigrationDir dir, DirFormat format, int newFiles)
            throws Exception {
        LoadedDirectory loaded = DirectoryLoader.load(dir, format, Dialect.POSTGRES);
        List<MigrationFile> files = loaded.listing().files();
        PostgresDriver driver = new PostgresDriver();
        Checked inspector = new Checked();
        try (DevDatabase db = driver.open(DevUrl.parse("postgres://postgres@127.0.0.1:5432/postgres"),
                DevSettings.defaults())) {
            Replayer replayer = new Replayer(db.connection(), inspector, driver.semantics());
            replayer.probeNewStatements(driver.probe(db));
            replayer.prepare(driver.toolTables(format)); // harbor's files read golang-migrate's own table
            int firstNew = Math.max(0, files.size() - newFiles);
            for (MigrationFile file : files.subList(0, firstNew)) {
                assertTrue(replayer.runBase(loaded.script(file).orElseThrow()).isEmpty(), file.displayPath());
            }
            for (MigrationFile file : files.subList(firstNew, files.size())) {
                inspector.file = file.displayPath();
                FileRun run = replayer.runNew(loaded.script(file).orElseThrow());
                assertTrue(run.failed().isEmpty(), () -> file.displayPath() + ": " + run.failure().explained());
            }
        }
        assertEquals(List.of(), inspector.mismatches, dir.display());
        assertTrue(inspector.compared > 0, dir.display() + ": no statement was inspected");
        System.out.printf("incremental inspection, %s: %d statements compared, %d with locks observed, %d read only"
                + " their scope; %d file starts compared, %d kept the last file's schema%n", dir.display(),
                inspector.compared, inspector.scoped, inspector.production.scopedInspections(), inspector.fileStarts,
                inspector.production.keptAtFileStart());
        return new Counts(inspector.production.scopedInspections(), inspector.production.keptAtFileStart());
    }

    /** The production inspector, each result compared with a whole inspection of the same moment. */
    private static final class Checked implements Inspector {
        final LockScopedInspector production = new LockScopedInspector();
        final List<String> mismatches = new ArrayList<>();
        String file;
        int compared;
        int scoped;
        int fileStarts;

        @Override
        public Catalog inspect(Connection connection) throws SQLException {
            return production.inspect(connection);
        }

        @Override
        public Catalog nextFile(Connection connection, Catalog last) throws SQLException {
            Catalog kept = production.nextFile(connection, last);
            Catalog whole = PostgresInspector.inspect(connection);
            fileStarts++;
            if (!whole.equals(kept)) {
                mismatches.add(file + " start: " + SchemaDiff.diff(whole, kept));
            }
            return kept;
        }

        @Override
        public Catalog after(Connection connection, Catalog before, List<Observation> observed) throws SQLException {
            Catalog incremental = production.after(connection, before, observed);
            Catalog whole = PostgresInspector.inspect(connection);
            compared++;
            if (observed.stream().anyMatch(Observation.Locks.class::isInstance)) {
                scoped++;
            }
            if (!whole.equals(incremental)) {
                mismatches.add(file + " statement " + compared + ": " + SchemaDiff.diff(whole, incremental));
            }
            return incremental;
        }
    }
}
