package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code migrate lint} through the CLI against the local PostgreSQL service: exit codes, output, report files. */
class LintCommandTest {
    private static final String DEV_URL = "postgres://postgres:Hunter2Pass@127.0.0.1:5432/postgres";

    @TempDir
    Path temp;
    Path dir;

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    @BeforeEach
    void directory() throws Exception {
        dir = Files.createDirectory(temp.resolve("migrations"));
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        Files.writeString(dir.resolve("2_email.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
    }

    @Test
    void cleanChangePasses() {
        CliRun run = lint("--latest", "1");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("add_column public.users.email"), run.out());
        assertTrue(run.out().contains("✓ no errors"), run.out());
        assertFalse(run.out().contains("Hunter2Pass"), run.out());
    }

    /** PostgreSQL's limit is about 24.8 days: the longest whole-day timeouts go through to the dev database. */
    @Test
    void timeoutsInDaysUpToPostgresLimitAreAccepted() {
        CliRun run = lint("--latest", "1", "--statement-timeout", "24d", "--lock-timeout", "1d");
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void failingStatementFailsTheGate() throws Exception {
        Files.writeString(dir.resolve("3_bad.sql"), "ALTER TABLE users\n  ADD COLUMN age nosuchtype;\n");
        CliRun.of("migrate", "hash", "--dir", dir.toString());
        CliRun run = lint("--latest", "1");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains(dir + "/3_bad.sql:2:18: error DI509: type \"nosuchtype\" does not exist"), run.out());
        assertTrue(run.out().endsWith("\ngate: failed (1 error at or above fail-on error)\n"), run.out());
    }

    @Test
    void nulByteIsFoundWhenLoadingNotByTheDatabase() throws Exception {
        Files.writeString(dir.resolve("3_nul.sql"), "ALTER TABLE users ADD COLUMN age int;\0\n");
        CliRun.of("migrate", "hash", "--dir", dir.toString());
        CliRun run = lint("--latest", "1");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains(dir + "/3_nul.sql:1:38: error DI515: a NUL byte (0x00)"), run.out());
        assertFalse(run.out().contains("DI509"), "never sent to the database: " + run.out());
    }

    @Test
    void integrityErrorsFailTheGate() throws Exception {
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
        CliRun run = lint("--latest", "1");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("error DI503"), run.out());
    }

    @Test
    void reportFilesAreWritten() throws Exception {
        Path json = temp.resolve("lint.json");
        Path text = temp.resolve("lint.txt");
        CliRun run = lint("--latest", "2", "--format", "json", "--report", "json=" + json, "--report", "text=" + text);
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        assertEquals(2, report.get("summary").get("files").asInt());
        assertEquals(0, report.get("summary").get("errors").asInt());
        assertEquals("add_table", report.get("files").get(0).get("changes").get(0).get("kind").asText());
        assertEquals(report, new ObjectMapper().readTree(run.out()), "stdout and the report file hold the same JSON");
        assertTrue(Files.readString(text).contains("add_column public.users.email"));
        assertFalse(Files.readString(json).contains("Hunter2Pass"));
    }

    @Test
    void anUnwritableReportCostsNeitherTheVerdictNorTheOtherReports() throws Exception {
        Path blocker = Files.writeString(temp.resolve("blocker"), "a regular file\n");
        Path json = temp.resolve("out/lint.json");
        Path sarif = temp.resolve("out/lint.sarif");
        Path underFile = blocker.resolve("lint.txt");
        Path folder = Files.createDirectories(temp.resolve("out/taken.md"));
        CliRun run = lint("--latest", "1", "--report", "json=" + json, "--report", "text=" + underFile,
                "--report", "markdown=" + folder, "--report", "sarif=" + sarif);
        assertEquals(3, run.exitCode(), "the gate passed, a report is missing: " + run);
        assertTrue(run.out().endsWith("gate: passed (no errors or warnings; fail-on error)\n"), run.out());
        assertTrue(Files.readString(json).contains("\"summary\""), "written before the failure");
        assertTrue(Files.readString(sarif).contains("\"2.1.0\""), "written after the failure");
        assertEquals("schemagate: --report text=" + underFile + ": cannot write " + underFile + ": " + blocker
                + " is a file, not a directory\n"
                + "schemagate: --report markdown=" + folder + ": cannot write " + folder + ": it is a directory\n",
                run.err());
        try (var left = Files.list(temp.resolve("out"))) {
            assertEquals(List.of("lint.json", "lint.sarif", "taken.md"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        assertEquals("a regular file\n", Files.readString(blocker));

        Files.writeString(dir.resolve("3_bad.sql"), "ALTER TABLE nowhere ADD COLUMN a int;\n");
        CliRun.of("migrate", "hash", "--dir", dir.toString());
        CliRun failed = lint("--latest", "1", "--report", "text=" + underFile, "--report", "json=" + json);
        assertEquals(1, failed.exitCode(), "the gate's verdict wins: " + failed);
        assertTrue(failed.out().endsWith("gate: failed (1 error at or above fail-on error)\n"), failed.out());
        assertTrue(failed.err().contains("cannot write " + underFile), failed.err());
        assertTrue(Files.readString(json).contains("3_bad.sql"), "the writable report is still replaced");
    }

    @Test
    void aReadOnlyReportFolderIsNamedAndLeftClean() throws Exception {
        Path readOnly = Files.createDirectory(temp.resolve("ro"));
        Path report = readOnly.resolve("lint.json");
        Files.writeString(report, "old\n");
        // chmod does not stop root; the immutable attribute does, where the file system has it.
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = Files.isWritable(readOnly) && chattr("+i", readOnly);
        try {
            Assumptions.assumeFalse(Files.isWritable(readOnly) && !immutable, "nothing here stops root writing");
            CliRun run = lint("--latest", "1", "--report", "json=" + report);
            assertEquals(3, run.exitCode(), run.toString());
            String prefix = "schemagate: --report json=" + report + ": cannot write " + report + ": ";
            assertTrue(run.err().equals(prefix + "permission denied\n")
                    || run.err().equals(prefix + "Operation not permitted\n"), run.err());
            assertEquals("old\n", Files.readString(report), "the old report is left whole");
            try (var left = Files.list(readOnly)) {
                assertEquals(List.of(report), left.toList(), "no temporary file is left");
            }
        } finally {
            if (immutable) {
                chattr("-i", readOnly);
            }
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean chattr(String flag, Path path) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test
    void progressOnStderrWhenAskedForAndTheRunIsLong() throws Exception {
        Files.writeString(dir.resolve("3_slow.sql"), "SELECT 1;\nSELECT pg_sleep(3.5);\n");
        CliRun.of("migrate", "hash", "--dir", dir.toString());

        CliRun run = lint("--latest", "1", "--progress");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("schemagate: replaying new file 1 of 1: " + dir
                + "/3_slow.sql, statement at line 2 ("), run.err());
        assertTrue(run.err().lines().allMatch(l -> l.startsWith("schemagate: replaying ")
                || l.startsWith("schemagate: starting the dev database (")), run.err());
        assertFalse(run.out().contains("replaying"), "never on stdout: " + run.out());

        CliRun quiet = lint("--latest", "1");
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertEquals("", quiet.err(), "stderr is no terminal here, so no progress without --progress");
    }

    @Test
    void unreachableDatabaseIsAnEnvironmentFailure() {
        CliRun run = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1",
                "--dev-url", "postgres://app:Hunter2Pass@127.0.0.1:1/app");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("postgres://app:****@127.0.0.1:1/app"), run.err());
        assertFalse((run.out() + run.err()).contains("Hunter2Pass"), run.toString());
        assertEquals(1, run.err().lines().count(), "one line, no stack trace: " + run.err());
    }

    @Test
    void policyFileAndFailOnDecideTheGate() throws Exception {
        Files.writeString(dir.resolve("3_bad.sql"), "ALTER TABLE nowhere ADD COLUMN a int;\n");
        CliRun.of("migrate", "hash", "--dir", dir.toString());
        Path policy = temp.resolve("policy.yaml");
        Files.writeString(policy, "rules:\n  DI509: warning\n");

        CliRun downgraded = lint("--latest", "1", "--config", policy.toString());
        assertEquals(0, downgraded.exitCode(), downgraded.toString());
        assertTrue(downgraded.out().contains("warning DI509"), downgraded.out());
        assertTrue(downgraded.out().endsWith("\ngate: passed (1 warning below fail-on error)\n"), downgraded.out());

        CliRun strict = lint("--latest", "1", "--config", policy.toString(), "--fail-on", "warning");
        assertEquals(1, strict.exitCode(), strict.toString());
        assertTrue(strict.out().endsWith("\ngate: failed (1 warning at or above fail-on warning)\n"), strict.out());
        assertTrue(strict.out().contains("✗ no errors, 1 warning"), strict.out());

        Files.writeString(policy, "rules:\n  DI509: loud\n");
        CliRun broken = lint("--latest", "1", "--config", policy.toString());
        assertEquals(2, broken.exitCode(), broken.toString());
        assertEquals("schemagate: " + policy + ":2:10: DI509: severity must be error, warning, info or off, not \"loud\"\n",
                broken.err());

        CliRun missing = lint("--latest", "1", "--config", temp.resolve("nope.yaml").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--dev-url=oracle://x", "--latest=0", "--statement-timeout=soon", "--report=xml=a.xml",
        "--format=yaml", "--fail-on=sometimes"})
    void badInputIsExitTwo(String flag) {
        CliRun run = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1", flag);
        if (flag.startsWith("--latest")) {
            run = CliRun.of("migrate", "lint", "--dir", dir.toString(), flag);
        }
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("schemagate: "), run.err());
    }

    @Test
    void gitBaseAndLatestExcludeEachOther() {
        CliRun run = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1", "--git-base", "main");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }

    private CliRun lint(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"migrate", "lint", "--dir", dir.toString(), "--dev-url", DEV_URL}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        return CliRun.of(all);
    }
}
