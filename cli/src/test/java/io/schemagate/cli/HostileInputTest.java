package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input from a pull request or a command line (issue 10): each one is a single line on stderr, no stack trace,
 * and exit 2, found before any database or registry is contacted. The dev database and registry given here do not
 * exist, so reaching them would exit 3 instead.
 */
class HostileInputTest {
    private static final String NO_DATABASE = "postgres://postgres@127.0.0.1:1/postgres";

    @TempDir
    Path temp;
    Path dir;

    @BeforeEach
    void directory() throws IOException {
        dir = Files.createDirectory(temp.resolve("migrations"));
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--statement-timeout | 99999999999h         | too long: PostgreSQL takes at most 24 days",
        "--statement-timeout | 99999999999999999999h | too long: PostgreSQL takes at most 24 days",
        "--statement-timeout | 25d                  | too long: PostgreSQL takes at most 24 days",
        "--statement-timeout | 5x                   | expected a duration such as 500ms, 30s, 5m, 1h or 2d",
        "--statement-timeout | 597h                 | too long: PostgreSQL takes at most 24 days",
        "--lock-timeout      | 2147483648ms         | too long: PostgreSQL takes at most 24 days",
        "--statement-timeout | 0s                   | must be longer than 0",
        "--lock-timeout      | 0ms                  | must be longer than 0",
    })
    void outOfRangeTimeoutsNameTheFlag(String flag, String value, String problem) {
        CliRun run = lint(flag, value);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("schemagate: " + flag + " " + value + ": " + problem), run.toString());
        assertOneLine(run);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rules:\\n  DS103:\\n    allow: [\"drop_(.+\"]\\n | 3:13: DS103: allow pattern \"drop_(.+\" is not a regular expression",
        "a: &a [lol, lol]\\nb: &b [*a, *a, *a]\\nc: [*b, *b, *b]\\n | 1:4: YAML anchors (&a) are not allowed",
        "rules:\\n  DS103:\\n    allow: drop_.+\\n | 3:12: DS103: allow must be a list of patterns",
        "rules:\\n  DS103:\\n    alow: [x]\\n | 3:5: DS103: unknown option \"alow\"",
        "rules:\\n  DS103: error\\n  DS103: off\\n | 3:3: duplicate key \"DS103\"",
    })
    void badPolicyFilesStopBeforeTheDatabase(String yaml, String problem) throws IOException {
        Path policy = Files.writeString(temp.resolve("schemagate.yaml"), yaml.replace("\\n", "\n"));
        CliRun run = lint("--config", policy.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("schemagate: " + policy + ":" + problem), run.toString());
        assertOneLine(run);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "validate | fifo     | 2_b.sql: a named pipe, socket or device, not a file; it is never read",
        "hash     | fifo     | 2_b.sql: a named pipe, socket or device, not a file; it is never read",
        "validate | outside  | 2_b.sql: a symbolic link to ../secret.txt, outside ",
        "hash     | outside  | 2_b.sql: a symbolic link to ../secret.txt, outside ",
        "validate | folder   | 2_b.sql: a directory named like a migration file",
        "lint     | fifo     | 2_b.sql: a named pipe, socket or device, not a file; it is never read",
        "lint     | outside  | 2_b.sql: a symbolic link to ../secret.txt, outside ",
    })
    void entriesThatAreNotFilesAreRefusedByPath(String command, String entry, String problem) throws Exception {
        Path second = dir.resolve("2_b.sql");
        switch (entry) {
            case "fifo" -> assertEquals(0, new ProcessBuilder("mkfifo", second.toString()).start().waitFor());
            case "outside" -> Files.createSymbolicLink(second, Path.of("../secret.txt"));
            default -> Files.createDirectory(second);
        }
        Files.writeString(temp.resolve("secret.txt"), "TOKEN=ghp_secret\n");
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> command.equals("lint")
                ? lint() : CliRun.of("migrate", command, "--dir", dir.toString()));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("schemagate: " + dir + ": cannot "), run.toString());
        assertTrue(run.err().contains(": " + dir + "/" + problem), run.toString());
        assertFalse(run.toString().contains("ghp_secret"), run.toString());
        assertOneLine(run);
    }

    @Test
    void theDirectoryMustBeADirectory() {
        CliRun file = CliRun.of("migrate", "validate", "--dir", dir.resolve("1_users.sql").toString());
        assertEquals(2, file.exitCode(), file.toString());
        assertEquals("schemagate: " + dir.resolve("1_users.sql") + " is a file, not a directory (--dir)\n", file.err());

        CliRun missing = CliRun.of("migrate", "lint", "--dir", temp.resolve("nope").toString(), "--dev-url", NO_DATABASE);
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals("schemagate: " + temp.resolve("nope") + ": no such directory (--dir)\n", missing.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad tag", "-dash", ".dot", "a/b", "x:y", "", "ünïcode",
        "a123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"})
    void pushTagsAreCheckedBeforeTheRegistry(String tag) {
        CliRun run = CliRun.of("migrate", "push", "--dir", dir.toString(), "--to", "oci://127.0.0.1:1/migrations",
                "--tag", "v1.0", "--tag", tag);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("schemagate: --tag \"" + tag + "\": not a valid tag"), run.toString());
        assertOneLine(run);
    }

    private CliRun lint(String... args) {
        String[] all = new String[args.length + 8];
        System.arraycopy(new String[] {"migrate", "lint", "--dir", dir.toString(), "--latest", "1", "--dev-url",
            NO_DATABASE}, 0, all, 0, 8);
        System.arraycopy(args, 0, all, 8, args.length);
        return CliRun.of(all);
    }

    static void assertOneLine(CliRun run) {
        assertEquals(1, run.err().lines().count(), "one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("schemagate: "), run.err());
        assertTrue(!run.err().contains("internal error") && !run.err().contains("\tat "), run.err());
    }
}
