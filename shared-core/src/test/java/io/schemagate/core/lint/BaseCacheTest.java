package io.schemagate.core.lint;

import static io.schemagate.core.testing.LocalPostgres.admin;
import static io.schemagate.core.testing.LocalPostgres.execute;
import static io.schemagate.core.testing.LocalPostgres.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base cache on a PostgreSQL server (the local service): a second run with the same base starts from a copy of
 * the first one's, any change to a base byte misses, an unsound entry is dropped and rebuilt, parallel runs do not
 * collide, and the result is the same either way.
 */
class BaseCacheTest {

    private static final Pattern KEY = Pattern.compile("base of \\d+ files? .*\\(([0-9a-f]{12})\\)");

    @TempDir
    Path root;

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    @Test
    void secondRunWithTheSameBaseStartsFromTheCacheWithTheSameResult() throws Exception {
        MigrationDir dir = directory(root.resolve("m"), UUID.randomUUID().toString());
        List<String> loginRolesBefore = loginRunRoles();
        LintReport cold = lint(dir);
        LintReport warm = lint(dir);

        assertTrue(cold.devDatabase().contains("; base of 3 files replayed and cached ("), cold.devDatabase());
        assertTrue(warm.devDatabase().contains("; base of 3 files from the cache ("), warm.devDatabase());
        assertEquals(key(cold), key(warm));
        assertEquals(summary(cold), summary(warm), "the cache must not change what lint finds");
        assertTrue(summary(warm).contains("DS103"), "the new file drops a base column: " + summary(warm));

        try (Connection c = admin()) {
            String entry = newestEntry();
            assertTrue(entry != null && entry.matches("sg_base_[0-9a-f]{32}"), String.valueOf(entry));
            assertEquals("t f", queryString(c, "SELECT CASE WHEN datistemplate THEN 't' ELSE 'f' END || ' ' || CASE WHEN "
                    + "datallowconn THEN 't' ELSE 'f' END FROM pg_database WHERE datname = '" + entry + "'"),
                    "an entry is a template nobody may connect to");
        }
        assertNoneNew(LocalPostgres.scratchDatabases(), loginRolesBefore);
    }

    @Test
    void anyChangedBaseByteMissesTheCacheButANewFileDoesNot() throws Exception {
        String run = UUID.randomUUID().toString();
        MigrationDir dir = directory(root.resolve("m"), run);
        LintReport first = lint(dir);

        Files.writeString(dir.path().resolve("4_new.sql"), "ALTER TABLE users DROP COLUMN legacy;\nSELECT 1;\n");
        DirectoryHasher.hash(dir, new AtlasFormat());
        LintReport newFileEdited = lint(dir);
        assertTrue(newFileEdited.devDatabase().contains("from the cache"), newFileEdited.devDatabase());

        Files.writeString(dir.path().resolve("2_orders.sql"), Files.readString(dir.path().resolve("2_orders.sql")) + " ");
        DirectoryHasher.hash(dir, new AtlasFormat());
        LintReport baseEdited = lint(dir);
        assertTrue(baseEdited.devDatabase().contains("replayed and cached"), baseEdited.devDatabase());
        assertNotEquals(key(first), key(baseEdited), "one more space in a base file is another base");
    }

    @Test
    void anUnsoundEntryIsDroppedAndRebuilt() throws Exception {
        MigrationDir dir = directory(root.resolve("m"), UUID.randomUUID().toString());
        LintReport cold = lint(dir);
        String entry = newestEntry();
        try (Connection c = admin()) {
            // Someone let connections in (and may have changed it): it can no longer be trusted.
            execute(c, "ALTER DATABASE " + entry + " WITH ALLOW_CONNECTIONS true");
        }
        LintReport rebuilt = lint(dir);
        assertTrue(rebuilt.devDatabase().contains("replayed and cached again (the cached copy was unsound)"),
                rebuilt.devDatabase());
        assertEquals(summary(cold), summary(rebuilt));
        LintReport warm = lint(dir);
        assertTrue(warm.devDatabase().contains("from the cache"), warm.devDatabase());

        try (Connection c = admin()) {
            // A comment naming another key: the entry is not what its name says.
            execute(c, "COMMENT ON DATABASE " + entry + " IS 'schemagate base cache 1 key=" + "0".repeat(64)
                    + " owner=- used=1'");
        }
        LintReport again = lint(dir);
        assertTrue(again.devDatabase().contains("cached again"), again.devDatabase());
    }

    @Test
    void aDatabaseThatIsNotSchemagatesIsNeitherUsedNorDropped() throws Exception {
        MigrationDir dir = directory(root.resolve("m"), UUID.randomUUID().toString());
        lint(dir);
        String entry = newestEntry();
        try (Connection c = admin()) {
            execute(c, "COMMENT ON DATABASE " + entry + " IS 'the payroll database'");
        }
        LintReport run = lint(dir);
        assertTrue(run.devDatabase().contains("(a parallel run cached it first)"), run.devDatabase());
        try (Connection c = admin()) {
            assertEquals("the payroll database", queryString(c, "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                    + "WHERE datname = '" + entry + "'"));
            execute(c, "ALTER DATABASE " + entry + " WITH IS_TEMPLATE false");
            execute(c, "DROP DATABASE " + entry);
        }
    }

    @Test
    void parallelRunsOnOneServerDoNotCollide() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> scratchBefore = LocalPostgres.scratchDatabases();
        List<MigrationDir> dirs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Two runs of one base, two of another, all at once.
            dirs.add(directory(root.resolve("m" + i), run + (i % 2)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LintReport>> runs = new ArrayList<>();
            for (MigrationDir dir : dirs) {
                runs.add(pool.submit((Callable<LintReport>) () -> lint(dir)));
            }
            List<LintReport> reports = new ArrayList<>();
            for (Future<LintReport> f : runs) {
                reports.add(f.get());
            }
            for (LintReport report : reports) {
                assertEquals(summary(reports.get(0)), summary(report));
                assertTrue(report.devDatabase().matches(".*; base of 3 files (replayed and cached|from the cache|replayed "
                        + "\\(a parallel run cached it first\\)).*"), report.devDatabase());
            }
        } finally {
            pool.shutdownNow();
        }
        for (MigrationDir dir : dirs) {
            LintReport warm = lint(dir);
            assertTrue(warm.devDatabase().contains("from the cache"), warm.devDatabase());
        }
        assertNoneNew(scratchBefore, loginRunRoles());
    }

    @Test
    void theCacheKeepsABoundedNumberOfEntriesLeastRecentlyUsedFirst() throws Exception {
        String run = UUID.randomUUID().toString();
        MigrationDir kept = directory(root.resolve("kept"), run + "kept");
        lint(kept);
        String keptEntry = newestEntry();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lint(directory(root.resolve("m" + i), run + i));
            made.add(newestEntry());
            lint(kept); // used again: stays
        }
        try (Connection c = admin()) {
            assertEquals("t", queryString(c, "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_database WHERE datname = '"
                    + keptEntry + "') THEN 't' ELSE 'f' END"));
            assertEquals("f", queryString(c, "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_database WHERE datname = '"
                    + made.get(0) + "') THEN 't' ELSE 'f' END"), "the least recently used entry goes");
            int entries = Integer.parseInt(queryString(c, "SELECT count(*) FROM pg_database WHERE datname LIKE 'sg\\_base\\_%'"
                    + " AND shobj_description(oid, 'pg_database') LIKE 'schemagate base cache %'"));
            assertTrue(entries <= 5, entries + " entries");
        }
    }

    @Test
    void offReplaysTheWholeBaseAndKeepsNothing() throws Exception {
        MigrationDir dir = directory(root.resolve("m"), UUID.randomUUID().toString());
        String before = newestEntryOrNone();
        LintReport off = MigrateLint.run(request(dir).withBaseCache(false));
        assertTrue(off.devDatabase().endsWith("; base of 3 files replayed (cache off)"), off.devDatabase());
        assertEquals(before, newestEntryOrNone());
    }

    /**
     * No scratch database or login role beyond those there before remains: a leak stays, while a parallel job's
     * (another test JVM on the same server) goes within seconds.
     */
    static void assertNoneNew(List<String> scratchBefore, List<String> rolesBefore) throws Exception {
        List<String> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = new ArrayList<>(LocalPostgres.scratchDatabases().stream().filter(n -> !scratchBefore.contains(n)).toList());
            left.addAll(loginRunRoles().stream().filter(r -> !rolesBefore.contains(r)).toList());
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(List.of(), left, "scratch databases or login roles left behind");
    }

    static List<String> loginRunRoles() throws Exception {
        List<String> roles = new ArrayList<>();
        try (Connection c = admin(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles WHERE rolname LIKE 'sg\\_run\\_%' AND "
                     + "rolcanlogin ORDER BY 1")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }

    private static String newestEntry() throws Exception {
        String entry = newestEntryOrNone();
        assertFalse(entry.isEmpty(), "no cache entry on the server");
        return entry;
    }

    private static String newestEntryOrNone() throws Exception {
        try (Connection c = admin()) {
            String name = queryString(c, "SELECT datname FROM pg_database WHERE datname LIKE 'sg\\_base\\_%' ORDER BY "
                    + "substring(shobj_description(oid, 'pg_database') from 'used=([0-9]+)')::bigint DESC NULLS LAST, oid DESC LIMIT 1");
            return name == null ? "" : name;
        }
    }

    @Test
    void aBaseThatLeavesSessionStateIsNotCachedAndGivesTheSameResult() throws Exception {
        Path path = Files.createDirectories(root.resolve("session"));
        Files.writeString(path.resolve("1_users.sql"), "-- " + UUID.randomUUID() + "\nCREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(path.resolve("2_app.sql"), """
                -- atlas:txmode none
                CREATE SCHEMA app;
                SET search_path TO app, public;
                CREATE TABLE orders (id int PRIMARY KEY);
                """);
        Files.writeString(path.resolve("3_new.sql"), "CREATE TABLE items (id int);\nALTER TABLE orders ADD COLUMN note text;\n");
        MigrationDir dir = new MigrationDir(path, "migrations");
        DirectoryHasher.hash(dir, new AtlasFormat());
        LintReport off = MigrateLint.run(request(dir).withBaseCache(false));
        LintReport on = lint(dir);
        assertTrue(on.devDatabase().contains("replayed (not cached: its files leave session state a copy cannot carry"),
                on.devDatabase());
        assertEquals(summary(off), summary(on));
        assertTrue(summary(on).contains("add_table public.items") || summary(on).contains("app.items"), summary(on));
        assertFalse(summary(on).contains("DI509"), "the new file runs with the base's search_path: " + summary(on));
    }

    @Test
    void theNewFilesMayAlterAndDropTheCopiedBaseAsItsOwner() throws Exception {
        Path path = Files.createDirectories(root.resolve("owned"));
        Files.writeString(path.resolve("1_users.sql"), "-- " + UUID.randomUUID() + "\nCREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(path.resolve("2_new.sql"), """
                ALTER TABLE users ADD COLUMN note text;
                COMMENT ON TABLE users IS 'people';
                ALTER TABLE users RENAME TO people;
                DROP TABLE people;
                CREATE TABLE users (id bigint PRIMARY KEY);
                """);
        MigrationDir dir = new MigrationDir(path, "migrations");
        DirectoryHasher.hash(dir, new AtlasFormat());
        LintReport off = MigrateLint.run(request(dir).withBaseCache(false));
        LintReport cold = lint(dir);
        LintReport warm = lint(dir);
        assertTrue(warm.devDatabase().contains("from the cache"), warm.devDatabase());
        assertEquals(summary(off), summary(cold));
        assertEquals(summary(off), summary(warm));
        assertFalse(summary(warm).contains("DI509"), summary(warm));
    }

    @Test
    void aRunThatReplaysAsTheLoginKeepsNoCache() throws Exception {
        MigrationDir dir = directory(root.resolve("m"), UUID.randomUUID().toString());
        LintRequest privileged = new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1), DevUrl.parse(LocalPostgres.URL),
                DevSettings.defaults().withPrivileged(true), Policy.DEFAULTS, Map.of(), true);
        LintReport run = MigrateLint.run(privileged);
        assertTrue(run.devDatabase().endsWith("; base of 3 files replayed (no base cache here)"), run.devDatabase());
    }

    @Test
    void anEntryOfAnotherLoginIsNeverUsed() throws Exception {
        MigrationDir dir = directory(root.resolve("m"), UUID.randomUUID().toString());
        lint(dir);
        String entry = newestEntry();
        try (Connection c = admin()) {
            execute(c, "DROP ROLE IF EXISTS sg_test_other_login");
            execute(c, "CREATE ROLE sg_test_other_login");
            execute(c, "ALTER DATABASE " + entry + " OWNER TO sg_test_other_login");
        }
        try {
            LintReport run = lint(dir);
            assertTrue(run.devDatabase().contains("replayed (a parallel run cached it first)"), run.devDatabase());
        } finally {
            try (Connection c = admin()) {
                execute(c, "ALTER DATABASE " + entry + " WITH IS_TEMPLATE false");
                execute(c, "DROP DATABASE " + entry);
                execute(c, "DROP ROLE sg_test_other_login");
            }
        }
    }

    @Test
    void aNewFileThatMakesItsDatabaseATemplateIsStillCleanedUp() throws Exception {
        MigrationDir dir = directory(root.resolve("m"), UUID.randomUUID().toString());
        Files.writeString(dir.path().resolve("4_new.sql"), """
                -- atlas:txmode none
                DO $$ BEGIN EXECUTE format('ALTER DATABASE %I WITH IS_TEMPLATE true', current_database()); END $$;
                """);
        DirectoryHasher.hash(dir, new AtlasFormat());
        List<String> scratchBefore = LocalPostgres.scratchDatabases();
        List<String> rolesBefore = loginRunRoles();
        lint(dir);
        lint(dir);
        assertNoneNew(scratchBefore, rolesBefore);
    }

    private static LintReport lint(MigrationDir dir) throws Exception {
        return MigrateLint.run(request(dir));
    }

    private static LintRequest request(MigrationDir dir) throws Exception {
        return new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1), DevUrl.parse(LocalPostgres.URL),
                DevSettings.defaults(), Policy.DEFAULTS, Map.of()).withBaseCache(true);
    }

    private static String key(LintReport report) {
        Matcher m = KEY.matcher(report.devDatabase());
        assertTrue(m.find(), report.devDatabase());
        return m.group(1);
    }

    /** What lint found, without where it ran. */
    private static String summary(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (FileReport file : report.files()) {
            out.append(file.name()).append(' ').append(file.error()).append(' ').append(file.changes()).append('\n');
        }
        report.diagnostics().forEach(d -> out.append(d.code()).append(' ').append(d.file()).append(':')
                .append(d.position().line()).append(' ').append(d.message()).append('\n'));
        return out.toString().replaceAll("\\(\\d+ ms on the dev database\\)", "(N ms on the dev database)");
    }

    /** Three base files (the last one tagged with {@code run}, so each test has bases of its own) and a new one. */
    private static MigrationDir directory(Path path, String run) throws Exception {
        Files.createDirectories(path);
        Files.writeString(path.resolve("1_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy int);\n");
        Files.writeString(path.resolve("2_orders.sql"), """
                CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
                CREATE INDEX orders_user ON orders (user_id);
                """);
        Files.writeString(path.resolve("3_tag.sql"), "-- " + run + "\nCOMMENT ON TABLE users IS 'people';\n");
        Files.writeString(path.resolve("4_new.sql"), "ALTER TABLE users DROP COLUMN legacy;\n");
        MigrationDir dir = new MigrationDir(path, "migrations");
        DirectoryHasher.hash(dir, new AtlasFormat());
        return dir;
    }
}
