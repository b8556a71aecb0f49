package io.schemagate.core.corpus;

import io.schemagate.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.DirectoryValidator;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.NaiveAtlasSum;
import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumIgnore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate hash} on every directory of the shared corpora writes the sum Atlas would write: checked against a
 * naive implementation of rules.md §4.2, and the written file then validates.
 */
class CorpusSumTest {
    @TempDir
    Path temp;

    @Test
    void everyCorpusDirectoryHashesLikeAtlasInAtlasFormat() throws IOException {
        List<Path> dirs = sqlDirectories(SharedData.require().resolve("corpora"));
        assertTrue(dirs.size() > 50, "expected the corpora's many migration directories, found " + dirs.size());
        int files = 0;
        for (Path dir : dirs) {
            files += checkHash(dir, new AtlasFormat(), name -> true);
        }
        assertTrue(files > 3500, "hashed only " + files + " files");
    }

    @Test
    void harborHashesOnlyUpFilesAsGolangMigrate() throws IOException {
        Path harbor = SharedData.corpus("harbor").resolve("make/migrations/postgresql");
        int files = checkHash(harbor, new GolangMigrateFormat(), name -> name.endsWith(".up.sql"));
        assertEquals(39, files);
    }

    /** Copies the directory's root {@code .sql} files, hashes the copy, and compares with the naive sum. */
    private int checkHash(Path corpusDir, DirFormat format, Predicate<String> hashed) throws IOException {
        Path copy = Files.createTempDirectory(temp, "dir");
        List<NaiveAtlasSum.File> expected = new ArrayList<>();
        for (Path file : rootSqlFiles(corpusDir)) {
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            Files.write(copy.resolve(name), bytes);
            if (hashed.test(name)) {
                expected.add(new NaiveAtlasSum.File(name, bytes, SumIgnore.isIgnored(bytes)));
            }
        }
        MigrationDir dir = new MigrationDir(copy, corpusDir.toString());
        DirectoryHasher.Result result = DirectoryHasher.hash(dir, format);

        String written = Files.readString(copy.resolve(SumFile.FILE_NAME), StandardCharsets.UTF_8);
        assertEquals(NaiveAtlasSum.text(expected), written, "atlas.sum of " + corpusDir);
        assertTrue(result.changed());
        assertFalse(DirectoryHasher.hash(dir, format).changed(), "re-hashing " + corpusDir + " must change nothing");
        boolean sumFindings = DirectoryValidator.validate(dir, format, Dialect.POSTGRES).diagnostics().stream()
                .anyMatch(d -> d.code().compareTo("DI501") >= 0 && d.code().compareTo("DI505") <= 0);
        assertFalse(sumFindings, "a freshly hashed " + corpusDir + " must have no sum findings");
        return expected.size();
    }

    private static List<Path> rootSqlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted((a, b) -> SumFile.BYTE_ORDER.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        }
    }

    private static List<Path> sqlDirectories(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isDirectory).filter(d -> {
                try {
                    return !rootSqlFiles(d).isEmpty();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        }
    }
}
