package io.schemagate.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.testing.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base cache across processes, each run a child JVM with its own cache directory: the embedded server's
 * snapshot serves the next run, a snapshot with one flipped byte is not trusted, and a run stopped by SIGTERM leaves
 * no run directory, temp snapshot, scratch database or login role behind, nor an entry that a later run could misuse.
 */
class EmbeddedBaseCacheTest {

    @TempDir
    Path temp;
    /** The children's shared memory: a directory of this test's own inside /dev/shm, when that is a tmpfs. */
    private Path memory;

    @BeforeEach
    void memoryOfOurOwn() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type())) {
            memory = Files.createDirectory(shm.resolve("sg-" + UUID.randomUUID().toString().substring(0, 8)));
        }
    }

    @AfterEach
    void removeMemory() throws IOException {
        if (memory != null) {
            try (Stream<Path> walk = Files.walk(memory)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What a child printed, and how it ended. */
    private record Run(List<String> lines, int exit, String stderr) {
        String devDatabase() {
            return lines.stream().filter(l -> l.startsWith("DONE ")).findFirst().orElse("(no DONE line) " + this);
        }

        List<String> findings() {
            return lines.stream().filter(l -> l.matches("[A-Z]{2}\\d{3} .*")).toList();
        }
    }

    @Test
    void theEmbeddedSnapshotServesTheNextRunAndAFlippedByteIsNotTrusted() throws Exception {
        Path dir = directory("m", "");
        Run cold = run("embedded://postgres/16", dir);
        assertTrue(cold.devDatabase().contains("base of 2 files replayed and cached"), cold.toString());
        Path snapshot = snapshot();
        String header = Files.readAllLines(snapshot.resolve("manifest")).get(0);
        assertTrue(header.startsWith("schemagate data directory snapshot 2 initdb=") && header.contains(",--wal-segsize=1 id="),
                header);

        Run warm = run("embedded://postgres/16", dir);
        // Only the kept cluster can hold the entry: each run's server is a new process in a new run directory.
        assertTrue(warm.devDatabase().contains("embedded PostgreSQL 16.") && warm.devDatabase().contains("; base of 2 files "
                + "from the cache"), warm.devDatabase());
        assertEquals(cold.findings(), warm.findings());
        assertTrue(warm.findings().stream().anyMatch(f -> f.startsWith("DS103")), warm.findings().toString());

        // One flipped byte in the largest file of the kept cluster.
        Path largest;
        try (Stream<Path> files = Files.walk(snapshot.resolve("data"))) {
            largest = files.filter(Files::isRegularFile).max(Comparator.comparingLong(EmbeddedBaseCacheTest::size)).orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(largest.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0x01);
        }
        Run distrusted = run("embedded://postgres/16", dir);
        assertTrue(distrusted.devDatabase().contains("base of 2 files replayed and cached"), distrusted.devDatabase());
        assertEquals(cold.findings(), distrusted.findings());

        Run again = run("embedded://postgres/16", dir);
        assertTrue(again.devDatabase().contains("from the cache"), again.devDatabase());

        // A cluster another initdb made (here: before --wal-segsize=1 was among its options) is not used.
        editManifest(snapshot, line -> line.replace(",--wal-segsize=1 id=", " id="));
        Run otherInitdb = run("embedded://postgres/16", dir);
        assertTrue(otherInitdb.devDatabase().contains("base of 2 files replayed and cached"), otherInitdb.devDatabase());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aForgedSnapshotCannotSetWhatTheServerRunsOrLoads() throws Exception {
        Path dir = directory("m", "");
        run("embedded://postgres/16", dir);
        // Whoever can write the cache directory can rewrite the manifest too: a setting that makes the server read a
        // directory of more settings (here one that does not exist, so a server that honoured it would not start).
        Path snapshot = snapshot();
        Path conf = snapshot.resolve("data").resolve("postgresql.conf");
        Files.writeString(conf, "include_dir = 'forged.d'\nssl_passphrase_command = 'touch forged'\n",
                StandardOpenOption.APPEND);
        byte[] bytes = Files.readAllBytes(conf);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        editManifest(snapshot, line -> line.endsWith(" postgresql.conf") && line.startsWith("f ")
                ? "f " + bytes.length + " " + Long.toHexString(crc.getValue()) + " postgresql.conf" : line);

        Run warm = run("embedded://postgres/16", dir);
        assertTrue(warm.devDatabase().contains("from the cache"), warm.devDatabase());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void sigtermDuringANewFileOnTheEmbeddedServerLeavesNothingBehind() throws Exception {
        Path dir = directory("m", "SELECT pg_sleep(60);\n");
        Run stopped = runAndTerminate("embedded://postgres/16", dir, "NEW 1");
        assertFalse(stopped.lines().stream().anyMatch(l -> l.startsWith("DONE")), stopped.toString());
        assertEquals(List.of(), leftovers(), "run directories and temp snapshots");
        assertFalse(stopped.stderr().contains("Exception"), stopped.stderr());
    }

    @Test
    void aRunFromTheKeptClusterLivesInMemoryAndSigtermLeavesNothingThere() throws Exception {
        Assumptions.assumeTrue(memory != null, "no tmpfs at /dev/shm on this machine");
        Path dir = directory("m", "");
        run("embedded://postgres/16", dir); // cold: initdb's cluster grows by an unknown amount, so it starts on disk
        Files.writeString(dir.resolve("3_new.sql"), "ALTER TABLE users DROP COLUMN legacy;\nSELECT pg_sleep(60);\n");
        DirectoryHasher.hash(new MigrationDir(dir, "migrations"), new AtlasFormat());
        List<String> inMemory = new ArrayList<>();
        Run stopped = runAndTerminate("embedded://postgres/16", dir, "NEW 1", () -> inMemory.addAll(runDirectories(memory)));
        assertEquals(1, inMemory.size(), "the warm run's cluster in " + memory + ": " + inMemory + " " + stopped);
        assertEquals(List.of(), leftovers(), "run directories and temp snapshots, in memory and on disk");
        assertFalse(stopped.stderr().contains("Exception"), stopped.stderr());
    }

    @Test
    void aRunInMemoryThatWouldTakeTheMachinesMemoryIsStoppedAndSaysWhy() throws Exception {
        Assumptions.assumeTrue(memory != null, "no tmpfs at /dev/shm on this machine");
        Path dir = directory("m", "");
        run("embedded://postgres/16", dir);
        // A new file that writes 800 MB; the run may leave no less free than there is now, less 300 MB.
        Files.writeString(dir.resolve("3_new.sql"), "ALTER TABLE users DROP COLUMN legacy;\n"
                + "CREATE TABLE big AS SELECT repeat('x', 1000) AS filler FROM generate_series(1, 800000);\n");
        DirectoryHasher.hash(new MigrationDir(dir, "migrations"), new AtlasFormat());
        long floor = Math.min(Files.getFileStore(memory).getUsableSpace(), memAvailable()) - (300L << 20);
        Process child = start("embedded://postgres/16", dir, "-Dschemagate.sharedMemoryFloor=" + floor);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        String stderr = Files.readString(temp.resolve("stderr.txt"));
        assertFalse(out.contains("DONE"), out);
        assertTrue(stderr.contains("embedded PostgreSQL 16: it outgrew the memory it may use in shared memory")
                && stderr.contains("SCHEMAGATE_RUN_IN_MEMORY=false runs it on disk"), stderr);
        assertEquals(List.of(), leftovers(), "run directories, in memory and on disk");
    }

    private static long memAvailable() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.split("\\s+")[1]) * 1024;
            }
        }
        throw new IllegalStateException("no MemAvailable");
    }

    @Test
    void sigtermOnASharedServerLeavesASoundEntryOrNone() throws Exception {
        LocalPostgres.require();
        List<String> scratchBefore = LocalPostgres.scratchDatabases();
        List<String> loginRolesBefore = BaseCacheTest.loginRunRoles();
        // Stopped while the base replays: nothing is cached, so the next run replays it again.
        Path slowBase = directory("slow", "", "SELECT pg_sleep(3);\n");
        runAndTerminate(LocalPostgres.URL, slowBase, "BASE 3");
        Run afterBase = run(LocalPostgres.URL, slowBase);
        assertTrue(afterBase.devDatabase().contains("base of 3 files replayed and cached ("), afterBase.devDatabase());

        // Stopped in a new file, after its base went to the cache: the entry is whole, the next run uses it.
        Path slowNew = directory("slownew", "SELECT pg_sleep(60);\n");
        runAndTerminate(LocalPostgres.URL, slowNew, "NEW 1");
        Path fast = temp.resolve("slownew");
        Files.writeString(fast.resolve("3_new.sql"), "ALTER TABLE users DROP COLUMN legacy;\n");
        DirectoryHasher.hash(new MigrationDir(fast, "migrations"), new AtlasFormat());
        Run afterNew = run(LocalPostgres.URL, fast);
        assertTrue(afterNew.devDatabase().contains("base of 2 files from the cache"), afterNew.devDatabase());

        BaseCacheTest.assertNoneNew(scratchBefore, loginRolesBefore);
    }

    @Test
    void aCacheDirectoryFromTheRepositoryIsRefused() throws Exception {
        Path cache = Files.createDirectories(temp.resolve("cache").resolve("bases"));
        Files.writeString(cache.resolve("planted"), "from a commit");
        for (List<String> git : List.of(List.of("git", "init", "-q"), List.of("git", "add", "bases/planted"))) {
            Process p = new ProcessBuilder(git).directory(temp.resolve("cache").toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor(), git.toString());
        }
        Process child = start("embedded://postgres/16", directory("m", ""));
        child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertTrue(Files.readString(temp.resolve("stderr.txt")).contains("holds files tracked by git"),
                Files.readString(temp.resolve("stderr.txt")));
    }

    /** Rewrites each line of the snapshot's manifest, as whoever can write the cache directory could. */
    private static void editManifest(Path snapshot, UnaryOperator<String> edit) throws IOException {
        Path manifest = snapshot.resolve("manifest");
        Files.write(manifest, Files.readAllLines(manifest).stream().map(edit).toList());
    }

    private Path snapshot() throws IOException {
        try (Stream<Path> installations = Files.list(temp.resolve("cache").resolve("bases"))) {
            return installations.findFirst().orElseThrow().resolve("snapshot");
        }
    }

    private static List<String> runDirectories(Path memory) {
        try (Stream<Path> walk = Files.walk(memory, 2)) {
            return walk.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Run directories of embedded servers (on disk and in memory), and temp or retired snapshot directories. */
    private List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> places = new ArrayList<>(List.of(temp.resolve("tmp"), temp.resolve("cache").resolve("bases")));
        if (memory != null) {
            places.add(memory);
        }
        for (Path where : places) {
            if (Files.isDirectory(where)) {
                try (Stream<Path> walk = Files.walk(where, 2)) {
                    walk.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-") || n.startsWith("tmp-")
                            || n.startsWith("old-")).forEach(found::add);
                }
            }
        }
        return found;
    }

    private Run run(String url, Path dir) throws Exception {
        Process child = start(url, dir);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = reader(child)) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertTrue(child.waitFor(300, TimeUnit.SECONDS));
        Run run = new Run(lines, child.exitValue(), Files.readString(temp.resolve("stderr.txt")));
        assertEquals(0, run.exit(), run.toString());
        return run;
    }

    private Run runAndTerminate(String url, Path dir, String when) throws Exception {
        return runAndTerminate(url, dir, when, () -> { });
    }

    /** Starts a run, does {@code meanwhile} once it printed {@code when}, sends SIGTERM, and waits for it to exit. */
    private Run runAndTerminate(String url, Path dir, String when, Runnable meanwhile) throws Exception {
        Process child = start(url, dir);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = reader(child)) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.equals(when)) {
                    Thread.sleep(700); // into the slow statement
                    meanwhile.run();
                    child.destroy(); // SIGTERM (and Java closes our end of its output)
                    break;
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit after SIGTERM");
        assertTrue(lines.contains(when), "never reached " + when + ": " + lines);
        return new Run(lines, child.exitValue(), Files.readString(temp.resolve("stderr.txt")));
    }

    private Process start(String url, Path dir, String... jvmOptions) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.createDirectories(temp.resolve("tmp"));
        // No tmpfs here: a path that is none, so no run goes to the machine's /dev/shm, where leftovers() does not look.
        Path shm = memory != null ? memory : temp.resolve("tmp");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.io.tmpdir=" + temp.resolve("tmp"),
                "-Dschemagate.sharedMemory=" + shm));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BaseCacheChild.class.getName(), url, dir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("stderr.txt").toFile());
        builder.environment().put("SCHEMAGATE_CACHE", temp.resolve("cache").toString());
        return builder.start();
    }

    private static BufferedReader reader(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Base files (a users table, a tag unique to this test, then {@code extraBase} as a file of its own if given) and a
     * new file that drops a column, then {@code newTail}.
     */
    private Path directory(String name, String newTail, String... extraBase) throws Exception {
        Path path = Files.createDirectories(temp.resolve(name));
        Files.writeString(path.resolve("1_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy int);\n");
        Files.writeString(path.resolve("2_tag.sql"), "-- " + UUID.randomUUID() + "\nCOMMENT ON TABLE users IS 'people';\n");
        int next = 3;
        for (String base : extraBase) {
            Files.writeString(path.resolve(next++ + "_base.sql"), base);
        }
        Files.writeString(path.resolve(next + "_new.sql"), "ALTER TABLE users DROP COLUMN legacy;\n" + newTail);
        DirectoryHasher.hash(new MigrationDir(path, "migrations"), new AtlasFormat());
        return path;
    }
}
