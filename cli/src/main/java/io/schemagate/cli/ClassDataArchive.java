package io.schemagate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the class-data sharing archive that {@code bin/schemagate} starts the CLI with: a static AppCDS archive of
 * the JDK's and the jar's classes that a training run loads, so that a run maps them ready-parsed and verified
 * instead of reading them from the jar. Run by the package build and by the container image's build, with the jar at
 * the path it will run from (the archive records the jar's path, size and time, and the JVM ignores it when they
 * no longer match):
 *
 * <pre>java -cp schemagate.jar io.schemagate.cli.ClassDataArchive schemagate.jsa</pre>
 *
 * <p>Static, not the dynamic archive ({@code -XX:ArchiveClassesAtExit}) of Java 17: picocli's classes are Java 5
 * class files, which a dynamic archive leaves out (some 180 classes, the command line's whole model), while the
 * static dump takes them.
 *
 * <p>Two JVMs: the training ({@code train DIR}, this class again, under {@code -XX:DumpLoadedClassList}) runs in one
 * process what a real run does: {@code --version}, help, {@code migrate hash}/{@code validate}, and {@code migrate
 * lint} of a small directory on an in-memory SQLite dev database in text and JSON, plus one on an unreachable
 * PostgreSQL (its driver's connection path). Then {@code -Xshare:dump} archives the classes listed. Next to the
 * archive, {@code ARCHIVE.jvm} names the Java runtime it was made by ({@code java.home} and
 * {@code java.runtime.version}): the launcher uses the archive only with that version of Java, since another build
 * of the JVM would reject it and then start with no archive at all, not even the JDK's own.
 *
 * <p>Making the archive never fails the build: where the JVM cannot dump one, this prints why and exits 0, and
 * schemagate runs without an archive.
 */
public final class ClassDataArchive {
    private static final long TIMEOUT_SECONDS = 180;

    private ClassDataArchive() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("train")) {
            train(Path.of(args[1]));
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java -cp schemagate.jar io.schemagate.cli.ClassDataArchive ARCHIVE");
            System.exit(2);
        }
        Path archive = Path.of(args[0]).toAbsolutePath();
        String problem;
        try {
            problem = make(archive);
        } catch (IOException | RuntimeException e) {
            problem = e.toString();
        }
        if (problem != null) {
            System.err.println("schemagate: no class-data sharing archive (" + problem + "); schemagate runs without"
                    + " one, only starting slower");
        }
    }

    /** Makes {@code archive} and its {@code .jvm} note; returns why not, or null. */
    private static String make(Path archive) throws IOException, InterruptedException {
        Path jar;
        try {
            jar = Path.of(ClassDataArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return "cannot tell the jar's path: " + e;
        }
        if (!Files.isRegularFile(jar)) {
            return jar + " is not a jar (run this from the packaged schemagate.jar)";
        }
        Path note = Path.of(archive + ".jvm");
        Files.deleteIfExists(archive);
        Files.deleteIfExists(note);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createTempDirectory("schemagate-cds");
        try {
            Path classList = work.resolve("classes.lst");
            Path log = work.resolve("log");
            // Its own temp dir (SQLite's native library is unpacked there), removed with the rest: an image layer
            // keeps nothing of the training.
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            String failed = run(log, java, "-XX:DumpLoadedClassList=" + classList, "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp, "-cp", jar.toString(),
                    ClassDataArchive.class.getName(), "train", work.resolve("train").toString());
            if (failed != null || !Files.isRegularFile(classList)) {
                return "the training run failed: " + (failed == null ? "no class list" : failed);
            }
            String said = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (!said.isEmpty()) {
                System.err.println(said);
            }
            Path dumped = work.resolve("schemagate.jsa");
            // The archive's JVM settings: G1 (the dump's default) would add archived heap objects, which Java 17 maps
            // only into a G1 heap; the launcher runs the serial collector, so they would be dead weight.
            failed = run(log, java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + dumped, "-XX:+UseSerialGC", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-Xlog:gc+verify=off", "-cp", jar.toString());
            if (failed != null || !Files.isRegularFile(dumped)) {
                return "the dump failed: " + (failed == null ? "no archive" : failed);
            }
            Files.createDirectories(archive.getParent());
            Files.move(dumped, archive, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(note, System.getProperty("java.home") + " " + System.getProperty("java.runtime.version")
                    + "\n", StandardCharsets.UTF_8);
            return null;
        } finally {
            deleteTree(work);
        }
    }

    /** Runs a JVM; returns its exit code and last lines of output when it fails, else null. */
    private static String run(Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return "timed out after " + TIMEOUT_SECONDS + " s";
        }
        if (p.exitValue() == 0) {
            return null;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "exit " + p.exitValue() + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5),
                lines.size()));
    }

    /**
     * The training: the commands a CI job and a developer run, in this one JVM, output discarded. A command that
     * fails still loaded what it loaded; only a failure to set up the directory ends the training with an error.
     */
    private static void train(Path dir) throws IOException {
        Path migrations = dir.resolve("migrations");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("20260101000000_create_users.sql"), """
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
                CREATE UNIQUE INDEX users_email ON users (email);
                """);
        Files.writeString(migrations.resolve("20260102000000_orders.sql"), """
                CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id),
                  total REAL);
                ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;
                CREATE INDEX orders_user ON orders (user_id);
                INSERT INTO users (id, name) VALUES (1, 'first');
                DROP INDEX users_email;
                """);
        String dirArg = migrations.toString();
        String sqlite = "sqlite://train?mode=memory";
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("--help"),
                List.of("migrate", "lint", "--help"),
                List.of("migrate", "hash", "--dir", dirArg),
                List.of("migrate", "validate", "--dir", dirArg),
                List.of("migrate", "lint", "--dir", dirArg, "--latest", "1", "--dev-url", sqlite),
                List.of("migrate", "lint", "--dir", dirArg, "--latest", "1", "--dev-url", sqlite, "--format", "json"),
                // Nothing listens on port 1: the PostgreSQL driver's classes up to the connection attempt.
                List.of("migrate", "lint", "--dir", dirArg, "--latest", "1", "--dev-url",
                        "postgres://schemagate@127.0.0.1:1/train"));
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        List<String> failed = new ArrayList<>();
        for (List<String> command : commands) {
            int code = Main.run(command.toArray(String[]::new), new Terminal(discard, discard, false), Map.of());
            if (code > ExitCode.GATE_FAILED && !command.get(command.size() - 1).contains("127.0.0.1:1")) {
                failed.add(String.join(" ", command) + " (exit " + code + ")");
            }
        }
        if (!failed.isEmpty()) { // still a useful archive; say so in the build's output
            System.out.println("schemagate training: " + String.join("; ", failed));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
