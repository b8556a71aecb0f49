package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server as seen from outside a schemagate JVM (a child JVM here): what its processes inherit, and
 * that it does not outlive the JVM, even one killed by SIGKILL. Linux only: it reads {@code /proc}.
 */
class EmbeddedServerLifecycleTest {

    private static final Pattern READY = Pattern.compile("READY (\\d+) (.+)");

    @TempDir
    Path temp;

    private Process child;

    /** What the child said once its dev database was open. */
    private record Started(ProcessHandle postmaster, ProcessHandle supervisor, Path runDirectory) {
    }

    @BeforeEach
    void linux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
    }

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private Started startChild(Map<String, String> extraEnvironment) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = temp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmbeddedServerChild.class.getName()).redirectError(stderr.toFile());
        builder.environment().putAll(extraEnvironment);
        child = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "read failed: " + e;
            }
        }).get(120, TimeUnit.SECONDS);
        Matcher ready = READY.matcher(String.valueOf(line));
        assertTrue(ready.matches(), "child said: " + line + " / " + Files.readString(stderr));
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(ready.group(1))).orElseThrow();
        ProcessHandle supervisor = postmaster.parent().orElseThrow();
        return new Started(postmaster, supervisor, Path.of(ready.group(2)));
    }

    @Test
    void serverProcessesInheritNothingFromTheJvmEnvironment() throws Exception {
        String canary = "SG_CANARY_TOKEN=" + UUID.randomUUID();
        Started started = startChild(Map.of("SG_CANARY_TOKEN", canary.substring(canary.indexOf('=') + 1)));
        assertTrue(environ(child.toHandle()).contains(canary), "the child JVM itself has the canary");

        List<ProcessHandle> processes = new ArrayList<>(List.of(started.supervisor(), started.postmaster()));
        processes.addAll(started.postmaster().descendants().toList());
        assertTrue(processes.size() >= 5, "supervisor, postmaster, backend and background processes: " + processes);
        for (ProcessHandle process : processes) {
            List<String> environment = environ(process);
            assertFalse(environment.stream().anyMatch(v -> v.startsWith("SG_CANARY_TOKEN")),
                    process.pid() + " " + process.info().commandLine().orElse("?") + " inherited " + environment);
        }
        // The environment as launched: exactly the minimal one (the postmaster does not rewrite its own).
        for (ProcessHandle launched : List.of(started.supervisor(), started.postmaster())) {
            Set<String> names = environ(launched).stream().map(v -> v.substring(0, v.indexOf('=')))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("HOME", "LANG", "LC_ALL", "PATH", "TZ"), names, launched.info().commandLine().orElse("?"));
            assertTrue(environ(launched).containsAll(List.of("PATH=/usr/bin:/bin", "LC_ALL=C", "LANG=C", "TZ=UTC")));
        }
    }

    @Test
    void serverEndsWhenTheJvmIsKilled() throws Exception {
        Started started = startChild(Map.of());
        assertTrue(started.postmaster().isAlive());
        List<ProcessHandle> serverProcesses = new ArrayList<>(started.postmaster().descendants().toList());
        serverProcesses.add(started.postmaster());
        serverProcesses.add(started.supervisor());
        assertTrue(Files.isDirectory(started.runDirectory().resolve("data")));

        child.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && (serverProcesses.stream().anyMatch(ProcessHandle::isAlive)
                || Files.exists(started.runDirectory()))) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), serverProcesses.stream().filter(ProcessHandle::isAlive).toList(), "survivors of the JVM");
        assertEquals(List.of(), processesMentioning(started.runDirectory()), "/proc still has processes of that run");
        assertFalse(Files.exists(started.runDirectory()), "the run directory is removed");
    }

    @Test
    void nextStartStopsAPostmasterLeftBehind() throws Exception {
        Started started = startChild(Map.of());
        // Both the supervisor and the JVM die by SIGKILL: nothing stops the postmaster but the next start's sweep.
        started.supervisor().destroyForcibly();
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        Thread.sleep(500);
        assertTrue(started.postmaster().isAlive(), "the orphaned postmaster runs on until swept");
        assertTrue(Files.isDirectory(started.runDirectory()));

        RunBase.forCurrentUser().removeStale();

        PostmasterStop.awaitExit(started.postmaster(), java.time.Duration.ofSeconds(10));
        assertFalse(started.postmaster().isAlive(), "the sweep stops the leftover postmaster");
        assertFalse(Files.exists(started.runDirectory()), "and removes its run directory");
    }

    private static List<String> environ(ProcessHandle process) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
        return Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\0")).filter(v -> !v.isEmpty()).toList();
    }

    /** Live processes whose command line names {@code directory}. */
    private static List<String> processesMentioning(Path directory) throws IOException {
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .map(p -> {
                        try {
                            return p.getFileName() + " " + new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .replace('\0', ' ');
                        } catch (IOException gone) {
                            return "";
                        }
                    })
                    .filter(cmd -> cmd.contains(directory.toString()))
                    .toList();
        }
    }

}
