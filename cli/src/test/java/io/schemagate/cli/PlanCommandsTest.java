package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate diff} and {@code schema plan} on the local PostgreSQL: the desired-schema workflow as a user runs it,
 * file by file.
 */
class PlanCommandsTest {
    @TempDir
    Path temp;
    Path dir;
    Path schema;

    @BeforeAll
    static void server() {
        LocalPostgres.require();
    }

    @BeforeEach
    void directory() throws Exception {
        dir = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(dir.resolve("20260101000000_users.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
        schema = temp.resolve("schema.sql");
    }

    private CliRun diff(String... more) {
        return CliRun.of(Stream.concat(Stream.of("migrate", "diff", "--dir", dir.toString(), "--to", "file://" + schema,
                "--dev-url", LocalPostgres.URL), Stream.of(more)).toArray(String[]::new));
    }

    private CliRun plan(String... more) {
        return CliRun.of(Stream.concat(Stream.of("schema", "plan", "--dir", dir.toString(), "--to", "file://" + schema,
                "--dev-url", LocalPostgres.URL), Stream.of(more)).toArray(String[]::new));
    }

    private List<String> files() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void diffWritesTheNextMigrationAndThenTheDirectoryIsInSync() throws Exception {
        Files.writeString(schema, """
                CREATE TABLE users (id bigint PRIMARY KEY, name text, email text NOT NULL DEFAULT '');
                CREATE INDEX users_email_idx ON users (email);
                """);

        CliRun run = diff("add_email");

        assertEquals(0, run.exitCode(), run.toString());
        List<String> files = files();
        assertEquals(4, files.size(), files.toString()); // the base, the plan's two files, atlas.sum
        assertTrue(files.get(1).matches("[0-9]{14}_add_email\\.sql"), files.toString());
        assertTrue(files.get(2).matches("[0-9]{14}_add_email_online\\.sql"), files.toString());
        assertTrue(run.out().contains("wrote " + dir.resolve(files.get(1))), run.toString());
        String online = Files.readString(dir.resolve(files.get(2)));
        assertTrue(online.startsWith("-- atlas:txmode none\n"), online);
        assertTrue(online.contains("CREATE INDEX CONCURRENTLY users_email_idx ON public.users"), online);
        CliRun validate = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(0, validate.exitCode(), "atlas.sum was refreshed: " + validate);

        CliRun again = diff("add_email_again");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("the directory is in sync with the desired schema\n", again.out());
        assertEquals(files, files(), "nothing written");
    }

    @Test
    void planPrintsTheMigrationAndLintsItWithoutWritingAnything() throws Exception {
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY, full_name text);\n");

        CliRun run = plan();

        assertEquals(1, run.exitCode(), "dropping name is an error (DS103): " + run);
        assertTrue(run.out().contains("ALTER TABLE public.users DROP COLUMN name;"), run.toString());
        assertTrue(run.out().contains("ALTER TABLE public.users ADD COLUMN full_name text;"), run.toString());
        assertTrue(run.out().contains("DS103"), run.toString());
        assertTrue(run.err().contains("schemagate: note: public.users: column name is dropped and full_name added with"
                + " the same type; if that is a rename, write ALTER TABLE public.users RENAME COLUMN name TO full_name"),
                run.toString());
        assertEquals(List.of("20260101000000_users.sql", "atlas.sum"), files());
    }

    @Test
    void planAsJson() throws Exception {
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY, name text, age int);\n");

        CliRun run = plan("--format", "json", "add_age");

        assertEquals(0, run.exitCode(), run.toString());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertFalse(doc.get("inSync").asBoolean());
        assertEquals(1, doc.get("files").size());
        assertTrue(doc.get("files").get(0).get("name").asText().matches(".*/migrations/[0-9]{14}_add_age\\.sql"));
        assertTrue(doc.get("files").get(0).get("sql").asText().contains("ADD COLUMN age integer"));
        assertEquals(0, doc.get("unplanned").size());
        assertEquals(1, doc.get("lint").get("summary").get("files").asInt());
    }

    @Test
    void mistakesAreOneLineWithTheirExitCode() throws Exception {
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE x (y nosuchtype);\n");

        CliRun broken = diff("next");
        CliRun badName = diff("../escape");
        CliRun url = CliRun.of("migrate", "diff", "--dir", dir.toString(), "--to", "ftp://u:secretpw@db/app",
                "--dev-url", LocalPostgres.URL, "next");
        CliRun mixed = CliRun.of("migrate", "diff", "--dir", dir.toString(), "--to", "mysql://u:secretpw@db/app",
                "--dev-url", LocalPostgres.URL, "next");

        assertEquals(2, broken.exitCode(), broken.toString());
        assertTrue(broken.err().matches("schemagate: .*schema\\.sql:2: .*nosuchtype.*\\(in the desired schema\\)\n"),
                broken.toString());
        assertEquals(2, badName.exitCode(), badName.toString());
        assertTrue(badName.err().startsWith("schemagate: migration name \"../escape\": use letters"), badName.toString());
        assertEquals(2, url.exitCode(), url.toString());
        assertTrue(url.err().contains("the desired schema is file:// (a .sql file or a folder of them) or an existing"
                + " database, read only: postgres://, mysql://, mariadb:// or sqlite://FILE"), url.toString());
        assertFalse(url.toString().contains("secretpw"), url.toString());
        assertEquals(2, mixed.exitCode(), mixed.toString());
        assertEquals("schemagate: the desired schema mysql://u:****@db:3306/app is a mysql database, the dev database"
                + " postgres: both must be of one kind\n", mixed.err());
        assertEquals(List.of("20260101000000_users.sql", "atlas.sum"), files());
    }

    @Test
    void lintWithToFailsOnDriftAndNamesTheMissingStatements() throws Exception {
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n");

        CliRun drift = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1", "--dev-url",
                LocalPostgres.URL, "--to", "file://" + schema);
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        CliRun inSync = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1", "--dev-url",
                LocalPostgres.URL, "--to", "file://" + schema);
        CliRun missing = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1", "--dev-url",
                LocalPostgres.URL, "--to", "file://" + temp.resolve("nope.sql"));

        assertEquals(1, drift.exitCode(), drift.toString());
        assertTrue(drift.out().contains("error DI518: the migration directory does not build this schema: 4 statements"
                + " are missing (ALTER TABLE public.users ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL)"
                + " NOT VALID;"), drift.toString());
        assertEquals(0, inSync.exitCode(), inSync.toString());
        assertFalse(inSync.out().contains("DI518"), inSync.toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("nope.sql: the desired schema does not exist (--to)"), missing.toString());
    }
}
