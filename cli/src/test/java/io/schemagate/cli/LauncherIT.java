package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("drop_column public.users.legacy_code"), run.out());
        assertTrue(run.out().contains("replayed on embedded PostgreSQL 16"), run.out());
        assertEquals("", run.err(), "a fresh jar must not be rebuilt, and nothing else is printed");
    }

    @Test
    void examplesValidate() throws Exception {
        Result run = launch("migrate", "validate", "--dir", "examples/migrations");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("✓ examples/migrations is valid: 4 files"), run.out());
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

    private static Result launch(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(ROOT.resolve("cli/target/schemagate.jar")), "package must run before this test");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/schemagate").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("SCHEMAGATE_JAR");
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
