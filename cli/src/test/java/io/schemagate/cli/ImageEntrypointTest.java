package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The image's entrypoint ({@code image/entrypoint.sh}) run on this machine, without a container: a copy whose two
 * fixed paths (itself and the launcher) point into a scratch directory, the launcher a stub that prints who it runs
 * as and what it was handed. The real setpriv drops privileges, so the tests that start as root need root (the
 * container tests, ContainerImageIT, cover the rest through podman).
 */
class ImageEntrypointTest {
    private static final Path ROOT = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize();
    private static final String STUB = """
            #!/bin/sh
            echo "uid=$(id -u) gid=$(id -g) groups=$(id -G)"
            echo "HOME=$HOME"
            echo "OPTS=${SCHEMAGATE_JAVA_OPTS:-}"
            echo "PASSWD=${NSS_WRAPPER_PASSWD:-}"
            echo "DROPPED=${SCHEMAGATE_DROPPED:-}"
            echo "ARGS=$*"
            """;

    private Path dir;
    /** The TMPDIR of the runs: like /tmp, everyone's, sticky. */
    private Path tmp;
    private Path entrypoint;

    record Result(int exit, String out, String err) {
        boolean ranAs(String ids) {
            return exit == 0 && out.startsWith("uid=" + ids.replace(":", " gid=") + " ");
        }
    }

    /** A scratch directory every uid can enter (setpriv's re-exec runs the copy as the target uid). */
    @BeforeEach
    void copyTheEntrypoint() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("schemagate-entrypoint", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        entrypoint = dir.resolve("entrypoint.sh");
        tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        chmod(tmp, "1777");
        Path launcher = dir.resolve("launcher");
        String script = Files.readString(ROOT.resolve("image/entrypoint.sh"));
        String copy = script.replace("self=/usr/local/bin/schemagate", "self=" + entrypoint)
                .replace("launcher=/opt/schemagate/bin/schemagate", "launcher=" + launcher)
                .replace("wrapper=$(ls /usr/lib/*/libnss_wrapper.so 2>/dev/null | head -n 1)",
                        "wrapper=" + dir.resolve("libnss_wrapper.so"));
        assertEquals(3, countChanges(script, copy), "the entrypoint's fixed paths moved: update this test");
        Files.writeString(entrypoint, copy);
        Files.writeString(launcher, STUB);
        Files.writeString(dir.resolve("libnss_wrapper.so"), "");
        for (Path file : List.of(entrypoint, launcher)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterEach
    void removeTheScratchDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static int countChanges(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int changes = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            changes += a.get(i).equals(b.get(i)) ? 0 : 1;
        }
        return changes;
    }

    private static boolean root() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        id.waitFor();
        return new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().equals("0");
    }

    private void requireRoot() throws IOException, InterruptedException {
        assumeTrue(root(), "the entrypoint's privilege drop needs root to run: skipped (ContainerImageIT covers it)");
    }

    /** The copy, in {@code workdir}, with {@code env} on a clean environment (PATH kept); as {@code user} if given. */
    private Result run(Path workdir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        // An absolute path as the first argument runs that instead (the action's entrypoint).
        List<String> command = new ArrayList<>();
        if (args.length == 0 || !args[0].startsWith("/")) {
            command.add(entrypoint.toString());
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile());
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.put("PATH", path);
        environment.put("TMPDIR", tmp.toString());
        environment.putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish: does it re-execute itself forever?");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Result runAs(String user, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of("SCHEMAGATE_USER", user, "HOME", "/nonexistent"), args);
    }

    @Test
    void uidAndGidAreNumbersNormalisedBeforeTheDrop() throws Exception {
        requireRoot();
        Result padded = runAs("0042:0042", "migrate", "lint");
        assertTrue(padded.ranAs("42:42"), padded.toString());
        assertTrue(padded.out().contains("groups=42\n"), "no supplementary groups: " + padded);
        assertTrue(padded.out().contains("ARGS=migrate lint\n"), padded.toString());
        assertTrue(padded.out().contains("DROPPED=\n"), "the guard does not reach the CLI: " + padded);
        Result bare = runAs("4242");
        assertTrue(bare.ranAs("4242:4242"), bare.toString());
    }

    /** 0 in any spelling is not "root": only SCHEMAGATE_USER=root runs as root. Nothing loops or runs as root. */
    @Test
    void rootOnlyByNameAndNeverGroupZeroOrTheNoChangeId() throws Exception {
        requireRoot();
        for (String user : List.of("0", "00", "0:5", "000:42")) {
            Result run = runAs(user);
            assertEquals(2, run.exit(), user + ": " + run);
            assertEquals("schemagate (image): SCHEMAGATE_USER=" + user
                    + " is uid 0: set SCHEMAGATE_USER=root to run as root\n", run.err(), user);
            assertEquals("", run.out(), user);
        }
        Result groupZero = runAs("1000:0");
        assertEquals(2, groupZero.exit(), groupZero.toString());
        assertTrue(groupZero.err().contains("is group 0 (root's)"), groupZero.toString());
        for (String user : List.of("4294967295", "4294967296", "5:4294967295", "99999999999999999999", "1:2:3", "1:",
                ":1")) {
            Result run = runAs(user);
            assertEquals(2, run.exit(), user + ": " + run);
            assertEquals(1, run.err().lines().count(), "one line: " + run);
            assertTrue(run.err().contains("SCHEMAGATE_USER=" + user + " is not uid[:gid]"), user + ": " + run);
        }
        Result root = runAs("root");
        assertTrue(root.ranAs("0:0"), root.toString());
    }

    /** A setpriv that left the process root (SCHEMAGATE_DROPPED already set) fails instead of running itself again. */
    @Test
    void stillRootAfterTheDropFails() throws Exception {
        requireRoot();
        Result run = run(dir, Map.of("SCHEMAGATE_DROPPED", "1", "SCHEMAGATE_USER", "4242"));
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().startsWith("schemagate (image): still root after dropping"), run.toString());
    }

    /** Unasked, it becomes the working directory's owner (a mounted checkout), with the owner's own gid for group 0. */
    @Test
    void withoutSchemagateUserItRunsAsTheWorkingDirectorysOwner() throws Exception {
        requireRoot();
        Path checkout = Files.createDirectory(dir.resolve("checkout"));
        Files.setPosixFilePermissions(checkout, PosixFilePermissions.fromString("rwxr-xr-x"));
        chown(checkout, "4242:4343");
        Result owned = run(checkout, Map.of("HOME", "/nonexistent"));
        assertTrue(owned.ranAs("4242:4343"), owned.toString());
        chown(checkout, "4242:0");
        Result groupRoot = run(checkout, Map.of("HOME", "/nonexistent"));
        assertTrue(groupRoot.ranAs("4242:4242"), groupRoot.toString());
    }

    /** The action's entrypoint hands the workspace's owner on: root by name when the workspace is root's. */
    @Test
    void theActionRunsAsTheWorkspacesOwner() throws Exception {
        requireRoot();
        Path action = dir.resolve("action-entrypoint.sh");
        String script = Files.readString(ROOT.resolve("image/action-entrypoint.sh"));
        Files.writeString(action, script.replace("exec /usr/local/bin/schemagate ", "exec " + entrypoint + " "));
        Files.setPosixFilePermissions(action, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path workspace = Files.createDirectory(dir.resolve("workspace"));
        Map<String, String> github = Map.of("GITHUB_WORKSPACE", workspace.toString(), "HOME", "/nonexistent");
        for (Map.Entry<String, String> owner : Map.of("4242:4343", "4242:4343", "4242:0", "4242:4242", "0:0", "0:0",
                "0:4343", "0:0").entrySet()) {
            chown(workspace, owner.getKey());
            Result run = run(dir, github, action.toString());
            assertTrue(run.ranAs(owner.getValue()), owner.getKey() + ": " + run);
        }
    }

    /**
     * Without a usable HOME it takes TMPDIR/schemagate-home-UID, unless that is a symlink (another user's plant in
     * the shared /tmp): then a fresh directory. The nss_wrapper passwd file lives under that home, one per uid.
     */
    @Test
    void aPlantedHomeSymlinkIsNotFollowedAndNoPasswdFileIsLeftInTmp() throws Exception {
        requireRoot();
        Path planted = Files.createDirectory(dir.resolve("planted"));
        chown(planted, "4242:4242");
        Files.createSymbolicLink(tmp.resolve("schemagate-home-4242"), planted);
        Result run = runAs("4242");
        assertTrue(run.ranAs("4242:4242"), run.toString());
        String home = line(run, "HOME=");
        assertTrue(home.startsWith(tmp + "/schemagate-home.") && Files.isDirectory(Path.of(home))
                && !Files.isSymbolicLink(Path.of(home)), run.toString());
        assertEquals("-Duser.home=" + home, line(run, "OPTS="));
        // uid 4242 has no passwd entry here: the wrapper's file, under the home, replaced whole on each run.
        assertEquals(home + "/.cache/schemagate/passwd-4242", line(run, "PASSWD="));
        assertTrue(Files.readString(Path.of(home, ".cache/schemagate/passwd-4242"))
                .contains("schemagate-4242:x:4242:4242:schemagate:" + home + ":/bin/sh\n"));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("schemagate-passwd")).toList());
        }

        Files.delete(tmp.resolve("schemagate-home-4242"));
        Result own = runAs("4242");
        assertEquals(tmp + "/schemagate-home-4242", line(own, "HOME="), own.toString());
        try (Stream<Path> files = Files.list(Path.of(line(own, "HOME="), ".cache/schemagate"))) {
            assertEquals(List.of("passwd-4242"), files.map(p -> p.getFileName().toString()).toList(), "no temp files");
        }
    }

    /** The launcher splits SCHEMAGATE_JAVA_OPTS into words and globs them: such a HOME is not put there. */
    @Test
    void aHomeWithBlanksOrPatternCharactersStaysOutOfTheJavaOptions() throws Exception {
        boolean root = root(); // then as 4242, which the home must belong to (root itself runs the launcher as is)
        for (String name : List.of("a b", "a*", "a?b", "a[b]", "plain")) {
            Path home = Files.createDirectory(dir.resolve(name));
            Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "SCHEMAGATE_JAVA_OPTS", "-Xmx1g"));
            if (root) {
                chown(home, "4242:4242");
                env.put("SCHEMAGATE_USER", "4242");
            }
            Result run = run(dir, env);
            assertEquals(home.toString(), line(run, "HOME="), run.toString());
            assertEquals(name.equals("plain") ? "-Duser.home=" + home + " -Xmx1g" : "-Xmx1g", line(run, "OPTS="),
                    name + ": " + run);
        }
    }

    private static String line(Result run, String prefix) {
        return run.out().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + run));
    }

    private static void chmod(Path file, String mode) throws IOException, InterruptedException {
        Process chmod = new ProcessBuilder("chmod", mode, file.toString()).inheritIO().start();
        assertEquals(0, chmod.waitFor());
    }

    private static void chown(Path file, String owner) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", owner, file.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor());
    }
}
