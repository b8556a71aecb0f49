package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a new user runs it: {@code bin/schemagate} on {@code examples/}, against the jar
 * this build just packaged (the launcher must not rebuild it).
 */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize();

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void readmeCommandLintsTheExamplesOnEmbeddedPostgres() throws Exception {
        Result run = launch("migrate", "lint", "--dir", "examples/migrations", "--latest", "1");
        assertEquals(1, run.exitCode(), "the example drops a column: the gate fails\n" + run);
        assertTrue(run.out().contains("drop_column public.users.legacy_code"), run.out());
        assertTrue(run.out().contains("20260202110000_drop_legacy_code.sql:2:1: error DS103: column legacy_code of"
                + " public.users is dropped with its data"), run.out());
        assertTrue(run.out().contains("replayed on embedded PostgreSQL 16"), run.out());
        assertEquals("", run.err(), "a fresh jar must not be rebuilt, and nothing else is printed");
    }

    @Test
    void examplesValidate() throws Exception {
        Result run = launch("migrate", "validate", "--dir", "examples/migrations");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("✓ examples/migrations is valid: 4 files"), run.out());
    }

    /**
     * Run like the action (no arguments, {@code GITHUB_ACTIONS=true}), the launcher must hand the inputs on,
     * including those whose names are not shell identifiers ({@code INPUT_DEV-URL}).
     */
    @Test
    void withoutArgumentsInGithubActionsItRunsFromTheInputs(@TempDir Path temp) throws Exception {
        LocalPostgres.require();
        Path output = temp.resolve("output");
        Result run = launch(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", temp.toString(),
                "GITHUB_OUTPUT", output.toString(),
                "INPUT_COMMAND", "migrate lint", "INPUT_DIR", "examples/migrations", "INPUT_LATEST", "1",
                "INPUT_DEV-URL", LocalPostgres.URL, "INPUT_COMMENT", "false"));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--dev-url " + LocalPostgres.URL), run.err());
        assertTrue(run.out().contains("replayed on scratch database"), run.out());
        assertTrue(run.out().contains("::error file=examples/migrations/20260202110000_drop_legacy_code.sql,line=2"), run.out());
        assertTrue(Files.readString(output).contains("errors<<"), "step outputs are written");
        assertTrue(Files.isRegularFile(temp.resolve(".schemagate/lint-examples-migrations.json")));
    }

    /** A fresh checkout has no jar: the launcher must build it, exactly as a new user's first command does. */
    @Test
    void launcherBuildsTheJarWhenItIsMissing(@TempDir Path copy) throws Exception {
        for (String path : List.of("pom.xml", "bin", "shared-core/pom.xml", "shared-core/src/main", "cli/pom.xml",
                "cli/src/main", "github-action/pom.xml", "github-action/src/main", "gitlab-component/pom.xml",
                "gitlab-component/src/main", "jenkins-plugin/pom.xml")) {
            copyTree(ROOT.resolve(path), copy.resolve(path));
        }
        copy.resolve("bin/schemagate").toFile().setExecutable(true);
        Process p = new ProcessBuilder(copy.resolve("bin/schemagate").toString(), "--version").directory(copy.toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the first build did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("schemagate: building the CLI"), output);
        assertTrue(output.contains("\nschemagate "), output);
        assertTrue(Files.isRegularFile(copy.resolve("cli/target/schemagate.jar")));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
    }

    @Test
    void versionAndExitCodesPassThrough() throws Exception {
        Result version = launch("--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("schemagate "), version.out());

        Result usage = launch("migrate", "validate", "--dir", "does/not/exist");
        assertEquals(2, usage.exitCode(), usage.toString());
        assertEquals("schemagate: does/not/exist: no such directory (--dir)\n", usage.err());
    }

    /**
     * The package build makes the class-data sharing archive next to the jar, and the launcher starts the JVM with it:
     * schemagate's own classes come from it, and nothing about it reaches stderr. SCHEMAGATE_JAVA_OPTS comes after
     * the launcher's options (here a class-load log into a file).
     */
    @Test
    void startsFromTheClassDataArchiveMadeWithTheJar(@TempDir Path temp) throws Exception {
        assertTrue(Files.isRegularFile(ROOT.resolve("cli/target/schemagate.jsa")), "package makes the archive");
        Path log = temp.resolve("classes.log");
        Result run = launch(Map.of("SCHEMAGATE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.err());
        String classes = Files.readString(log);
        assertTrue(classes.contains("io.schemagate.cli.Main source: shared objects file"), classes);
        assertTrue(classes.contains("picocli.CommandLine source: shared objects file"), "picocli too");
    }

    @Test
    void terminatedLintLeavesNoScratchDatabaseAndNoStackTrace(@TempDir Path temp) throws Exception {
        LocalPostgres.require();
        List<String> before = LocalPostgres.scratchDatabases();
        List<String> created = new ArrayList<>();
        Files.writeString(temp.resolve("1_a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(temp.resolve("2_slow.sql"), "SELECT pg_sleep(60);\n");
        assertEquals(0, launch("migrate", "hash", "--dir", temp.toString()).exitCode());

        Path err = Files.createTempFile("launcher", ".err");
        Process lint = new ProcessBuilder(ROOT.resolve("bin/schemagate").toString(), "migrate", "lint", "--dir",
                temp.toString(), "--latest", "1", "--dev-url", "postgres://postgres@127.0.0.1:5432/postgres")
                .directory(ROOT.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try {
            waitFor(() -> sleeping() > 0, "the lint to reach pg_sleep");
            created.addAll(LocalPostgres.scratchDatabases());
            created.removeAll(before);
            assertFalse(created.isEmpty(), "lint created a scratch database");
            lint.destroy(); // SIGTERM
            assertTrue(lint.waitFor(30, TimeUnit.SECONDS), "schemagate did not stop on SIGTERM");
        } finally {
            lint.destroyForcibly();
        }
        // Only this run's database counts: other builds may share the service.
        waitFor(() -> LocalPostgres.scratchDatabases().stream().noneMatch(created::contains),
                "the scratch database " + created + " to be dropped");
        String stderr = Files.readString(err);
        assertFalse(stderr.contains("\tat "), "no stack trace on SIGTERM: " + stderr);
        assertTrue(stderr.isEmpty() || stderr.equals("schemagate: interrupted\n"), stderr);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.holds()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(100);
        }
    }


    private static int sleeping() throws SQLException {
        try (Connection c = LocalPostgres.admin();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Result launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    private static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(ROOT.resolve("cli/target/schemagate.jar")), "package must run before this test");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/schemagate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("SCHEMAGATE_JAR");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bin/schemagate did not finish");
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
