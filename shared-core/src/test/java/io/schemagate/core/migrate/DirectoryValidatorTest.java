package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.located;
import static io.schemagate.core.migrate.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class DirectoryValidatorTest {
    private final AtlasFormat atlas = new AtlasFormat();

    @TempDir
    Path root;

    private MigrationDir dir;

    /** Three hashed files; {@code atlas.sum} lines: 1 global, 2 {@code 1_a.sql}, 3 {@code 2_b.sql}, 4 {@code 3_c.sql}. */
    @BeforeEach
    void hashedDirectory() throws Exception {
        dir = new MigrationDir(root, "migrations");
        Fixtures.dir(root,
                "1_a.sql", "CREATE TABLE a(c int);\n",
                "2_b.sql", "CREATE TABLE b(c int);\nINSERT INTO b VALUES (1);\n",
                "3_c.sql", "CREATE TABLE c(c int);\n");
        DirectoryHasher.Result result = DirectoryHasher.hash(dir, atlas);
        assertEquals(3, result.files());
        assertTrue(result.changed());
    }

    private Validation validate() throws Exception {
        return DirectoryValidator.validate(dir, atlas, Dialect.POSTGRES);
    }

    private Diagnostic only(Validation validation) {
        assertEquals(1, validation.diagnostics().size(), () -> "diagnostics: " + validation.diagnostics());
        return validation.diagnostics().get(0);
    }

    @Test
    void aFreshlyHashedDirectoryIsClean() throws Exception {
        Validation validation = validate();

        assertEquals(List.of(), validation.diagnostics());
        assertEquals(3, validation.files());
        assertEquals(4, validation.statements());
        assertTrue(validation.passed());
        assertFalse(DirectoryHasher.hash(dir, atlas).changed(), "re-hashing an unchanged directory writes nothing new");
    }

    @Test
    void editedFileIsDI503OnTheLineOfItsEntry() throws Exception {
        write(root, "2_b.sql", "CREATE TABLE b(c bigint);\nINSERT INTO b VALUES (1);\n");

        Diagnostic d = only(validate());

        assertEquals(List.of("DI503 migrations/atlas.sum:3"), located(List.of(d)));
        assertEquals(48 + "1_a.sql".length() + 49, d.position().offset());
        assertTrue(d.message().contains("migrations/2_b.sql"), d.message());
    }

    @Test
    void removedFileIsDI504() throws Exception {
        Files.delete(root.resolve("2_b.sql"));

        Diagnostic d = only(validate());

        assertEquals(List.of("DI504 migrations/atlas.sum:3"), located(List.of(d)));
        assertTrue(d.message().contains("migrations/2_b.sql"), d.message());
    }

    @Test
    void fileAddedWithoutRehashIsDI505() throws Exception {
        write(root, "4_d.sql", "CREATE TABLE d(c int);\n");

        Diagnostic d = only(validate());

        assertEquals(List.of("DI505 migrations/atlas.sum:5"), located(List.of(d)));
        assertTrue(d.message().contains("migrations/4_d.sql"), d.message());
    }

    @Test
    void fileAddedBeforeTheOthersIsDI505OnLineTwo() throws Exception {
        write(root, "0_z.sql", "CREATE TABLE z(c int);\n");

        assertEquals(List.of("DI505 migrations/atlas.sum:2"), located(validate().diagnostics()));
    }

    @Test
    void renamedFileIsDI504() throws Exception {
        Files.move(root.resolve("2_b.sql"), root.resolve("2_bee.sql"));

        assertEquals(List.of("DI504 migrations/atlas.sum:3"), located(validate().diagnostics()));
    }

    @Test
    void renameToAnEarlierNameIsDI504NotDI505() throws Exception {
        Files.move(root.resolve("3_c.sql"), root.resolve("0_c.sql"));

        assertEquals(List.of("DI504 migrations/atlas.sum:2"), located(validate().diagnostics()));
    }

    @Test
    void malformedSumLineIsDI502OnThatLine() throws Exception {
        Path sum = root.resolve("atlas.sum");
        List<String> lines = Files.readAllLines(sum);
        Files.writeString(sum, lines.get(0) + "\n" + lines.get(1) + "\ngarbage\n" + lines.get(3) + "\n");

        assertEquals(List.of("DI502 migrations/atlas.sum:3"), located(validate().diagnostics()));
    }

    @Test
    void sumLineWithAnotherHashIsDI502ChecksumMismatch() throws Exception {
        Path sum = root.resolve("atlas.sum");
        String text = Files.readString(sum);
        int hashStart = text.indexOf("2_b.sql h1:") + "2_b.sql h1:".length();
        char flipped = text.charAt(hashStart) == 'A' ? 'B' : 'A';
        Files.writeString(sum, text.substring(0, hashStart) + flipped + text.substring(hashStart + 1));

        assertEquals(List.of("DI502 migrations/atlas.sum:1"), located(validate().diagnostics()));
    }

    @Test
    void missingSumIsDI501() throws Exception {
        Files.delete(root.resolve("atlas.sum"));

        Validation validation = validate();

        assertEquals(List.of("DI501 migrations/atlas.sum:1"), located(validation.diagnostics()));
        assertFalse(validation.passed());
    }

    @Test
    void emptyDirectoryNeedsNoSum(@TempDir Path empty) throws Exception {
        Validation validation = DirectoryValidator.validate(new MigrationDir(empty, "empty"), atlas, Dialect.POSTGRES);

        assertEquals(List.of(), validation.diagnostics());
        assertEquals(0, validation.files());
    }

    @Test
    void editingASumIgnoredFileKeepsTheSumValid() throws Exception {
        write(root, "4_seed.sql", "-- atlas:sum ignore\nINSERT INTO a VALUES (1);\n");
        DirectoryHasher.hash(dir, atlas);

        write(root, "4_seed.sql", "-- atlas:sum ignore\nINSERT INTO a VALUES (2);\n");

        assertEquals(List.of(), validate().diagnostics());
    }

    @Test
    void unterminatedStringIsDI515WithLineAndColumn() throws Exception {
        write(root, "4_bad.sql", "SELECT 1;\nSELECT 'ü', 'never closed;\n");
        DirectoryHasher.hash(dir, atlas);

        Validation validation = validate();

        Diagnostic d = only(validation);
        assertEquals("DI515", d.code());
        assertEquals("migrations/4_bad.sql", d.file());
        assertEquals(2, d.position().line());
        assertEquals(13, d.position().column(), "columns count code points");
        assertEquals(10 + 13, d.position().offset(), "offsets count bytes (ü is two)");
        assertEquals(4, validation.statements(), "the other files are still read");
    }

    @Test
    void nonUtf8BytesAreDI515AtTheFirstBadByte() throws Exception {
        byte[] prefix = "SELECT 1;\nSELECT '".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + 3];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        content[prefix.length] = (byte) 0xE9; // Latin-1 é
        content[prefix.length + 1] = '\'';
        content[prefix.length + 2] = ';';
        write(root, "4_latin1.sql", content);
        DirectoryHasher.hash(dir, atlas);

        Diagnostic d = only(validate());

        assertEquals("DI515", d.code());
        assertEquals("migrations/4_latin1.sql:2:9", d.file() + ":" + d.position().line() + ":" + d.position().column());
        assertEquals(prefix.length, d.position().offset());
    }

    @Test
    void otherFormatsNeedNoSumButCheckOneThatExists(@TempDir Path gooseRoot) throws Exception {
        GooseFormat goose = new GooseFormat();
        MigrationDir g = dir(gooseRoot, "1_a.sql", "-- +goose Up\nCREATE TABLE a(c int);\n");

        assertEquals(List.of(), DirectoryValidator.validate(g, goose, Dialect.POSTGRES).diagnostics());

        DirectoryHasher.hash(g, goose);
        write(gooseRoot, "1_a.sql", "-- +goose Up\nCREATE TABLE a(c bigint);\n");
        assertEquals(List.of("DI503 atlas.sum:2"), located(DirectoryValidator.validate(g, goose, Dialect.POSTGRES).diagnostics()));
    }
}
