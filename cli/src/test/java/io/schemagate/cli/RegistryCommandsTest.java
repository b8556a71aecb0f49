package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.RegistryProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate push} and {@code migrate pull} end to end against a real registry: output and exit codes. */
class RegistryCommandsTest {
    static RegistryProcess registry;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available() || System.getenv("CI") != null,
                "docker-registry is not installed (apt-get install docker-registry)");
        registry = RegistryProcess.open();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    Path directory(String name, String... nameAndContent) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Files.writeString(dir.resolve(nameAndContent[i]), nameAndContent[i + 1]);
        }
        CliRun hash = CliRun.of("migrate", "hash", "--dir", dir.toString());
        assertEquals(0, hash.exitCode(), hash.toString());
        return dir;
    }

    @Test
    void pushPullRoundTripAndTagRules() throws IOException {
        Path v1 = directory("v1", "1_a.sql", "CREATE TABLE a (id int);\n");
        String repo = "oci://" + registry.host() + "/cli/app";
        Path dotenv = temp.resolve("push.env");
        CliRun push = CliRun.of("migrate", "push", "--dir", v1.toString(), "--to", repo, "--tag", "release-1",
                "--report", "dotenv=" + dotenv);
        assertEquals(0, push.exitCode(), push.toString());
        assertTrue(push.out().startsWith(repo + "@sha256:"), push.toString());
        String digest = push.out().lines().findFirst().orElseThrow().substring((repo + "@").length());
        assertTrue(Files.readString(dotenv).matches("ref=" + java.util.regex.Pattern.quote(repo) + ":[^\\n]+\ndigest="
                + java.util.regex.Pattern.quote(digest) + "\n"), Files.readString(dotenv));
        assertTrue(push.out().contains(repo + ":latest\n") && push.out().contains(repo + ":release-1\n"), push.toString());

        CliRun again = CliRun.of("migrate", "push", "--dir", v1.toString(), "--to", repo, "--tag", "release-1");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains(repo + ":release-1 (unchanged)"), again.toString());
        assertEquals(push.out().lines().findFirst(), again.out().lines().findFirst());

        Path v2 = directory("v2", "1_a.sql", "CREATE TABLE a (id int);\n", "2_b.sql", "CREATE TABLE b (id int);\n");
        CliRun conflict = CliRun.of("migrate", "push", "--dir", v2.toString(), "--to", repo, "--tag", "release-1");
        assertEquals(1, conflict.exitCode(), conflict.toString());
        assertTrue(conflict.err().contains("release-1 already holds different content"), conflict.toString());

        Path out = temp.resolve("out");
        CliRun pull = CliRun.of("migrate", "pull", "--from", repo + ":release-1", "--dir", out.toString());
        assertEquals(0, pull.exitCode(), pull.toString());
        assertArrayEquals(Files.readAllBytes(v1.resolve("atlas.sum")), Files.readAllBytes(out.resolve("atlas.sum")));
        assertArrayEquals(Files.readAllBytes(v1.resolve("1_a.sql")), Files.readAllBytes(out.resolve("1_a.sql")));

        CliRun notEmpty = CliRun.of("migrate", "pull", "--from", repo + ":release-1", "--dir", out.toString());
        assertEquals(2, notEmpty.exitCode(), notEmpty.toString());
    }

    @Test
    void lintBaseFindsExactlyTheFilesAddedSinceThePushedTag() throws Exception {
        io.schemagate.core.testing.LocalPostgres.require();
        Path dir = directory("lintbase", "1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n",
                "2_email.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        String repo = "oci://" + registry.host() + "/cli/lintbase";
        CliRun push = CliRun.of("migrate", "push", "--dir", dir.toString(), "--to", repo, "--tag", "prod");
        assertEquals(0, push.exitCode(), push.toString());
        Files.writeString(dir.resolve("3_name.sql"), "ALTER TABLE users ADD COLUMN name text;\n");
        Files.writeString(dir.resolve("4_age.sql"), "ALTER TABLE users ADD COLUMN age int;\n");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());

        CliRun lint = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--base", repo + ":prod",
                "--dev-url", io.schemagate.core.testing.LocalPostgres.URL, "--format", "json");
        assertEquals(0, lint.exitCode(), lint.toString());
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lint.out());
        java.util.List<String> linted = new java.util.ArrayList<>();
        report.get("files").forEach(f -> linted.add(f.get("name").asText()));
        assertEquals(java.util.List.of(dir + "/3_name.sql", dir + "/4_age.sql"), linted, lint.out());
        assertTrue(report.get("selection").asText().startsWith("2 new files since " + repo + ":prod"), lint.out());

        CliRun missing = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--base", repo + ":nope",
                "--dev-url", io.schemagate.core.testing.LocalPostgres.URL);
        assertEquals(2, missing.exitCode(), missing.toString());
    }

    @Test
    void unsumedDirectoryIsRefused() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("nosum"));
        Files.writeString(dir.resolve("1_a.sql"), "SELECT 1;\n");
        CliRun push = CliRun.of("migrate", "push", "--dir", dir.toString(), "--to", "oci://" + registry.host() + "/x");
        assertEquals(2, push.exitCode(), push.toString());
        assertTrue(push.err().contains("atlas.sum is missing"), push.toString());
    }

    @Test
    void pushWritesOnlyDotenvReports() throws IOException {
        Path v1 = directory("formats", "1_a.sql", "CREATE TABLE a (id int);\n");
        CliRun run = CliRun.of("migrate", "push", "--dir", v1.toString(), "--to", "oci://" + registry.host() + "/cli/f",
                "--report", "json=push.json");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("schemagate: unknown --report format \"json\"; push writes only dotenv\n", run.err());
    }

    @Test
    void badReferenceIsExit2() {
        CliRun pull = CliRun.of("migrate", "pull", "--from", "https://example.com/x", "--dir", temp.resolve("o").toString());
        assertEquals(2, pull.exitCode(), pull.toString());
        assertTrue(pull.err().contains("must start with oci://"), pull.toString());
    }

    @Test
    void registryDownIsExit3NamingIt() throws IOException {
        int port = RegistryProcess.freePort();
        CliRun pull = CliRun.of("migrate", "pull", "--from", "oci://127.0.0.1:" + port + "/x", "--dir",
                temp.resolve("o").toString());
        assertEquals(3, pull.exitCode(), pull.toString());
        assertTrue(pull.err().startsWith("schemagate: 127.0.0.1:" + port + ": cannot connect"), pull.toString());
    }
}
