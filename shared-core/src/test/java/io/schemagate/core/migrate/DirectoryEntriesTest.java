package io.schemagate.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.schemagate.core.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entries a pull request can put in a migration directory that are not plain files: every format refuses them by
 * path, without opening them (a named pipe would block forever) and without skipping them.
 */
class DirectoryEntriesTest {
    /** Each test must finish long before this: a read of a named pipe never does. */
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    /** A file every format lists (Liquibase needs its header). */
    private static final String FIRST = "-- liquibase formatted sql\n-- changeset a:1\nCREATE TABLE a(c int);\n";

    @TempDir
    Path temp;
    Path root;
    Path outside;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectory(temp.resolve("migrations"));
        outside = Files.writeString(temp.resolve("secret.txt"), "GITHUB_TOKEN=ghp_x\n");
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(new AtlasFormat(), "1_a.sql", "2_b.sql"),
                Arguments.of(new GolangMigrateFormat(), "1_a.up.sql", "2_b.up.sql"),
                Arguments.of(new GooseFormat(), "1_a.sql", "2_b.sql"),
                Arguments.of(new DbmateFormat(), "1_a.sql", "2_b.sql"),
                Arguments.of(new FlywayFormat(), "V1__a.sql", "V2__b.sql"),
                Arguments.of(new LiquibaseFormat(), "1_a.sql", "2_b.sql"));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aLinkOutOfTheDirectoryIsRefused(DirFormat format, String first, String second) throws Exception {
        Fixtures.write(root, first, FIRST);
        Files.createSymbolicLink(root.resolve(second), outside);
        assertRefused(format, "migrations/" + second + ": a symbolic link to " + outside + ", outside migrations;"
                + " only links to files inside the directory are read");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aNamedPipeIsRefusedWithoutBeingOpened(DirFormat format, String first, String second) throws Exception {
        Fixtures.write(root, first, FIRST);
        mkfifo(root.resolve(second));
        assertRefused(format, "migrations/" + second + ": a named pipe, socket or device, not a file; it is never read");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aDirectoryNamedLikeAMigrationIsRefused(DirFormat format, String first, String second) throws Exception {
        Fixtures.write(root, first, FIRST);
        Files.createDirectory(root.resolve(second));
        assertRefused(format, "migrations/" + second + ": a directory named like a migration file; rename or remove it");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aDanglingLinkIsRefused(DirFormat format, String first, String second) throws Exception {
        Fixtures.write(root, first, FIRST);
        Files.createSymbolicLink(root.resolve(second), Path.of("gone.sql"));
        assertRefused(format, "migrations/" + second + ": a symbolic link to gone.sql, which does not exist");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aLinkToAFileInsideIsRead(DirFormat format, String first, String second) throws Exception {
        Fixtures.write(root, first, FIRST);
        Fixtures.write(root, "shared/b.txt", FIRST.replace("a:1", "b:2"));
        Files.createSymbolicLink(root.resolve(second), Path.of("shared/b.txt"));
        Listing listing = format.list(new MigrationDir(root, "migrations"));
        assertEquals(List.of(first, second), Fixtures.names(listing));
        assertEquals(FIRST.replace("a:1", "b:2"), new String(listing.files().get(1).bytes()));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aSumFileThatIsANamedPipeIsRefused(DirFormat format, String first, String second) throws Exception {
        Fixtures.write(root, first, FIRST);
        mkfifo(root.resolve("atlas.sum"));
        MigrationDir dir = new MigrationDir(root, "migrations");
        UnsafeEntryException e = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(UnsafeEntryException.class,
                () -> DirectoryLoader.load(dir, format, Dialect.POSTGRES)));
        assertEquals("migrations/atlas.sum: a named pipe, socket or device, not a file; it is never read", e.getMessage());
        assertTimeoutPreemptively(NO_HANG, () -> DirectoryHasher.hash(dir, format)); // replaces it, never reads it
        assertEquals(true, Files.isRegularFile(root.resolve("atlas.sum")));
    }

    @org.junit.jupiter.api.Test
    void aFlywayScriptSettingsFileLinkingOutIsRefused() throws Exception {
        Fixtures.write(root, "V1__a.sql", FIRST);
        Files.createSymbolicLink(root.resolve("V1__a.sql.conf"), outside);
        assertRefused(new FlywayFormat(), "migrations/V1__a.sql.conf: a symbolic link to " + outside
                + ", outside migrations; only links to files inside the directory are read");
    }

    private void assertRefused(DirFormat format, String message) {
        MigrationDir dir = new MigrationDir(root, "migrations");
        UnsafeEntryException e = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(UnsafeEntryException.class,
                () -> DirectoryLoader.load(dir, format, Dialect.POSTGRES)));
        assertEquals(message, e.getMessage());
        assertEquals(message, assertTimeoutPreemptively(NO_HANG, () -> assertThrows(UnsafeEntryException.class,
                () -> DirectoryHasher.hash(dir, format))).getMessage(), "migrate hash reads the same way");
    }

    static void mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo " + path);
    }
}
