package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI end to end, in process: exit codes, one-line errors, tamper detection, output formats. */
class CliTest {
    /** rules.md §4.5 vector 1: Atlas's own test directory and its expected atlas.sum. */
    private static final String VECTOR_1_SUM = """
            h1:M74RrNK69S2pj6C541LR1ew5O32/i0WoyNgsJmyuiUk=
            1_initial.down.sql h1:0zypK43rgPbgvVUgVJABGN25VgM1QSeU+LJDBb8cEQI=
            1_initial.up.sql h1:hFhs5XhRml4KTWGF5td6h1s7xNqAFnaEBbC5Y/NF7i4=
            """;

    @TempDir
    Path temp;
    Path dir;

    @BeforeEach
    void hashedDirectory() throws IOException {
        dir = Files.createDirectory(temp.resolve("migrations"));
        write("1_create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n");
        write("2_add_email.sql", "-- add a column\nALTER TABLE users ADD COLUMN email text;\n");
        write("3_index_email.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n");
        CliRun hash = CliRun.of("migrate", "hash", "--dir", "file://" + dir);
        assertEquals(0, hash.exitCode(), hash.toString());
    }

    @Test
    void hashWritesAtlasBytesAndIsIdempotent() throws IOException {
        Path atlas = Files.createDirectory(temp.resolve("vector1"));
        Files.writeString(atlas.resolve("1_initial.down.sql"), "DROP TABLE IF EXISTS t;");
        Files.writeString(atlas.resolve("1_initial.up.sql"), "CREATE TABLE t(c int);");

        CliRun first = CliRun.of("migrate", "hash", "--dir", atlas.toString());
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(VECTOR_1_SUM, Files.readString(atlas.resolve("atlas.sum")));
        assertTrue(first.out().contains("written (2 files)"), first.out());

        CliRun again = CliRun.of("migrate", "hash", "--dir", atlas.toString());
        assertTrue(again.out().contains("already up to date"), again.out());
    }

    @Test
    void cleanDirectoryValidates() {
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("is valid: 3 files, 3 statements (atlas format)"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void editedFileIsNamedWithItsSumLine() throws IOException {
        write("2_add_email.sql", "-- add a column\nALTER TABLE users ADD COLUMN email varchar(100);\n");
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains(dir + "/atlas.sum:3:1: error DI503: " + dir + "/2_add_email.sql was edited"), run.out());
    }

    @Test
    void removedFileIsNamed() throws IOException {
        Files.delete(dir.resolve("2_add_email.sql"));
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("atlas.sum:3:1: error DI504: " + dir + "/2_add_email.sql is listed in atlas.sum"),
                run.out());
    }

    @Test
    void fileAddedWithoutRehashIsNamed() throws IOException {
        write("4_drop_name.sql", "ALTER TABLE users DROP COLUMN name;\n");
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("atlas.sum:5:1: error DI505: " + dir + "/4_drop_name.sql is not in atlas.sum"),
                run.out());
    }

    @Test
    void corruptedSumLineIsNamed() throws IOException {
        Path sum = dir.resolve("atlas.sum");
        String text = Files.readString(sum);
        Files.writeString(sum, text.replace("2_add_email.sql h1:", "2_add_email.sql h2:"));
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("atlas.sum:3:1: error DI502:"), run.out());
    }

    @Test
    void missingSumFileIsAnError() throws IOException {
        Files.delete(dir.resolve("atlas.sum"));
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("atlas.sum:1:1: error DI501:"), run.out());
    }

    @Test
    void unterminatedStringGivesPathLineColumn() throws IOException {
        write("4_broken.sql", "SELECT 1;\nINSERT INTO users (name) VALUES ('oops);\n");
        CliRun.of("migrate", "hash", "--dir", dir.toString());
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains(dir + "/4_broken.sql:2:34: error DI515: unterminated string"), run.out());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void nonUtf8FileGivesPathLineColumn() throws IOException {
        Files.write(dir.resolve("4_latin1.sql"), "-- caf\u00e9\nSELECT 'x';\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun.of("migrate", "hash", "--dir", dir.toString());
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains(dir + "/4_latin1.sql:1:7: error DI515: not valid UTF-8"), run.out());
    }

    @Test
    void nulByteGivesPathLineColumn() throws IOException {
        write("4_nul.sql", "SELECT 1;\nALTER TABLE users ADD c int;\0\nSELECT 2;\n");
        CliRun.of("migrate", "hash", "--dir", dir.toString());
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains(dir + "/4_nul.sql:2:29: error DI515: a NUL byte (0x00)"), run.out());
    }

    @Test
    void jsonOutputIsMachineReadable() throws IOException {
        write("2_add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString(), "--format", "json");
        assertEquals(2, run.exitCode(), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertFalse(json.get("valid").asBoolean());
        assertEquals(3, json.get("files").asInt());
        JsonNode first = json.get("diagnostics").get(0);
        assertEquals("DI503", first.get("code").asText());
        assertEquals(3, first.get("line").asInt());
        assertEquals(115, first.get("pos").asInt(), "byte offset of the edited file's sum line");
        assertEquals(dir + "/atlas.sum", first.get("file").asText());
    }

    @Test
    void missingDirectoryIsBadInputInOneLine() {
        CliRun run = CliRun.of("migrate", "validate", "--dir", temp.resolve("nope").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("schemagate: " + temp.resolve("nope") + ": no such directory (--dir)\n", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--dir-format=sqitch", "--dialect=oracle", "--format=xml", "--bogus"})
    void badFlagsAreUsageErrors(String flag) {
        CliRun run = CliRun.of("migrate", "validate", "--dir", dir.toString(), flag);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("schemagate: "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.of("migrate", "validate", "--dir", temp.resolve("nope").toString(), "--verbose");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("\tat io.schemagate."), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "migrate", "migrate hash", "migrate validate"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").strip().split(" ");
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Usage: schemagate"), run.out());
        if (command.startsWith("migrate ")) {
            assertTrue(run.out().contains("Examples:"), run.out());
        }
    }

    @Test
    void versionIsPrinted() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches("(?s)schemagate \\d+\\.\\d+\\.\\d+.*"), run.out());
    }

    /** Only the top-level command a line names is built; --version needs none; help and typos get them all. */
    @Test
    void onlyTheNamedTopLevelCommandIsBuilt() {
        assertEquals(List.of("migrate"), needed("--verbose", "migrate", "lint", "--dir", "d"));
        assertEquals(List.of("schema"), needed("schema", "plan", "--help"));
        assertEquals(List.of(), needed("--version"));
        assertEquals(Main.TOP_LEVEL, needed("--version", "--help"));
        assertEquals(Main.TOP_LEVEL, needed("--help"));
        assertEquals(Main.TOP_LEVEL, needed());
        assertEquals(Main.TOP_LEVEL, needed("migrat", "lint"));

        CliRun typo = CliRun.of("migrat", "lint");
        assertEquals(2, typo.exitCode(), typo.toString());
        assertTrue(typo.err().startsWith("schemagate: Unmatched arguments from index 0: 'migrat'"), typo.err());
        CliRun usage = CliRun.of("--help");
        for (String command : Main.TOP_LEVEL) {
            assertTrue(usage.out().contains("  " + command + " "), usage.out());
        }
        CliRun explain = CliRun.of("explain", "--help");
        assertEquals(0, explain.exitCode(), explain.toString());
    }

    private static List<String> needed(String... args) {
        return Main.TOP_LEVEL.stream().filter(Main.needed(args)).toList();
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertEquals(2, CliRun.of("migrate").exitCode());
        assertEquals(2, CliRun.of().exitCode());
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() throws IOException {
        write("2_add_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        assertTrue(CliRun.of(true, "migrate", "validate", "--dir", dir.toString()).out().contains("\u001b["));
        assertFalse(CliRun.of(false, "migrate", "validate", "--dir", dir.toString()).out().contains("\u001b["));

        assertTrue(Terminal.colorAllowed(true, Map.of("TERM", "xterm")));
        assertFalse(Terminal.colorAllowed(false, Map.of("TERM", "xterm")));
        assertFalse(Terminal.colorAllowed(true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertFalse(Terminal.colorAllowed(true, Map.of("TERM", "dumb")));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
