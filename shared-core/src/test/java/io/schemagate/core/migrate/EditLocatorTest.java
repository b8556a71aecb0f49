package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.dir;
import static io.schemagate.core.migrate.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** DI503 names the first changed line of an edited file when git holds the hashed version. */
class EditLocatorTest {
    @TempDir
    Path root;
    MigrationDir dir;

    @BeforeEach
    void hashedDirectory() throws IOException {
        dir = dir(root,
                "1_a.sql", "CREATE TABLE a (id int);\n",
                "2_b.sql", "-- b\nCREATE TABLE b (\n  id int,\n  name text\n);\n",
                "3_c.sql", "CREATE TABLE c (id int);\n");
        DirectoryHasher.hash(dir, new AtlasFormat());
    }

    @Test
    void editAgainstHeadIsLocated() throws Exception {
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "migrations");
        write(root, "2_b.sql", "-- b\nCREATE TABLE b (\n  id bigint,\n  name text\n);\n");

        assertTrue(di503().message().contains("the edit starts at line 3 of the file, compared with git HEAD"),
                di503().message());
    }

    @Test
    void stagedHashedVersionIsUsedBeforeHead() throws Exception {
        git("init", "-q");
        git("add", ".");
        write(root, "2_b.sql", "-- b\nCREATE TABLE b (\n  id int,\n  name text\n);\nSELECT 1;\n");

        assertTrue(di503().message().contains("the edit starts at line 6 of the file, compared with the git index"),
                di503().message());
    }

    @Test
    void committedEditOrNoRepositoryGivesNoLine() throws Exception {
        write(root, "2_b.sql", "-- b\nCREATE TABLE b (id bigint);\n");
        assertFalse(di503().message().contains("the edit starts"), "not a git repository: " + di503().message());

        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "edit committed without re-hashing");
        assertFalse(di503().message().contains("the edit starts"), "HEAD holds the edit itself: " + di503().message());
    }

    @Test
    void firstDifferentLineCountsLinesOfTheCurrentVersion() {
        assertEquals(1, EditLocator.firstDifferentLine(bytes("abc"), bytes("abd")));
        assertEquals(2, EditLocator.firstDifferentLine(bytes("a\nb"), bytes("a\nbX")));
        assertEquals(2, EditLocator.firstDifferentLine(bytes("a\n"), bytes("a\nb")));
        assertEquals(3, EditLocator.firstDifferentLine(bytes("a\nb\nc\nd"), bytes("a\nb\nc")));
    }

    private Diagnostic di503() throws IOException {
        List<Diagnostic> found = DirectoryValidator.validate(dir, new AtlasFormat(), Dialect.POSTGRES).diagnostics()
                .stream().filter(d -> d.code().equals("DI503")).toList();
        assertEquals(1, found.size(), "expected one DI503, got " + found);
        return found.get(0);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(),
                "-c", "user.name=schemagate", "-c", "user.email=tests@schemagate.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + output);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
