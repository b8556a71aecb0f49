package io.schemagate.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.text.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small helpers shared by the migrate tests: build directories on disk, read them back, summarise results. */
final class Fixtures {
    private Fixtures() {
    }

    /** Writes {@code name → content} pairs (UTF-8; {@code name} may contain {@code /}) and returns the directory. */
    static MigrationDir dir(Path root, String... namesAndContents) {
        if (namesAndContents.length % 2 != 0) {
            throw new IllegalArgumentException("pairs of name and content expected");
        }
        for (int i = 0; i < namesAndContents.length; i += 2) {
            write(root, namesAndContents[i], namesAndContents[i + 1]);
        }
        return new MigrationDir(root, ".");
    }

    static void write(Path root, String name, String content) {
        write(root, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path root, String name, byte[] content) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names(Listing listing) {
        return listing.files().stream().map(MigrationFile::name).toList();
    }

    static List<String> hashedNames(Listing listing) {
        return listing.hashed().stream().map(SumInput::name).toList();
    }

    static List<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::code).toList();
    }

    /** "CODE file:line" for each diagnostic: compact and exact enough for assertions. */
    static List<String> located(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.code() + " " + d.file() + ":" + d.position().line())
                .toList();
    }

    static List<String> texts(MigrationScript script) {
        return script.statements().stream().map(Statement::text).toList();
    }

    static List<String> texts(Section section) {
        return section.statements().stream().map(Statement::text).toList();
    }

    /** Lists {@code dir} with {@code format} and reads the file called {@code name}. */
    static MigrationScript read(DirFormat format, MigrationDir dir, String name, Dialect dialect) throws IOException {
        Listing listing = format.list(dir);
        MigrationFile file = listing.files().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the run list " + names(listing)));
        return read(file, format, dialect);
    }

    static MigrationScript read(MigrationFile file, DirFormat format, Dialect dialect) {
        try {
            return ScriptReader.read(file, format, dialect);
        } catch (SourceException e) {
            return fail("unexpected " + e.getMessage());
        }
    }

    /** Reads one file's content as an atlas-format file named {@code 1_test.sql}, outside any directory. */
    static MigrationScript atlasScript(String content, Dialect dialect) {
        MigrationFile file = MigrationFile.versioned(new MigrationDir(Path.of("."), "."), "1_test.sql", "1", "test",
                content.getBytes(StandardCharsets.UTF_8));
        return read(file, new AtlasFormat(), dialect);
    }

    static MigrationScript atlasScript(String content) {
        return atlasScript(content, Dialect.POSTGRES);
    }

    static Section onlySection(MigrationScript script) {
        assertEquals(1, script.sections().size(), () -> "sections: " + script.sections());
        return script.sections().get(0);
    }
}
