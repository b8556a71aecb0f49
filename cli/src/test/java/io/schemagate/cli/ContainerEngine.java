package io.schemagate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Podman for tests that run schemagate's container image: finds {@code podman}, makes sure
 * {@code /etc/containers/containers.conf} has {@code default_ulimits = []} (podman as root otherwise asks for an
 * open-files limit above the machine's hard limit, and every container fails to start), builds the image with
 * {@code image/build-base.sh} and {@code image/build.sh}, and runs containers with
 * {@code podman --runtime runc run --rm --network host}.
 *
 * <p>Without podman the calling test is skipped with a message, except under {@code CI=true}, where it fails: CI
 * must run it ({@code .ci/run} installs podman).
 */
final class ContainerEngine {

    /** The tag {@link #image()} builds; the base is build-base.sh's default, localhost/schemagate-base:bookworm. */
    static final String IMAGE = "localhost/schemagate:it";
    /** The revision {@link #image()} labels the image with (build.sh's REVISION), so a test can find it again. */
    static final String REVISION = "it-" + UUID.randomUUID();

    private static final Path CONTAINERS_CONF = Path.of("/etc/containers/containers.conf");
    private static final Duration BASE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    /** A bind mount, {@code -v host:container[:ro]}. */
    record Mount(Path host, String container, boolean readOnly) {
        static Mount of(Path host, String container) {
            return new Mount(host, container, false);
        }

        static Mount readOnly(Path host, String container) {
            return new Mount(host, container, true);
        }

        String option() {
            return host.toAbsolutePath() + ":" + container + (readOnly ? ":ro" : "");
        }
    }

    /** What a command printed and how it ended, with how long it took. */
    record Result(int exitCode, String stdout, String stderr, Duration took) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** How long the image builds of {@link #image()} took in this JVM (zero when already done before). */
    record BuildTimes(Duration base, Duration image) {
    }

    private static ContainerEngine instance;

    private final Path podman;
    private final Path root;
    private String image;
    private BuildTimes buildTimes;

    private ContainerEngine(Path podman, Path root) {
        this.podman = podman;
        this.root = root;
    }

    /** The engine, ready to run containers; skips the calling test (fails it under CI) when podman is missing. */
    static synchronized ContainerEngine require() {
        if (instance == null) {
            Optional<Path> podman = onPath("podman");
            if (podman.isEmpty()) {
                unavailable("podman is not installed (apt-get install podman runc debootstrap)");
            }
            if (onPath("runc").isEmpty()) {
                unavailable("runc is not installed (apt-get install runc)");
            }
            ensureUlimitSetting();
            instance = new ContainerEngine(podman.get(), repositoryRoot());
        }
        return instance;
    }

    /** The repository root: system property {@code schemagate.root}, else the first parent with bin/schemagate. */
    static Path repositoryRoot() {
        String property = System.getProperty("schemagate.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/schemagate")) && Files.isRegularFile(dir.resolve("image/Dockerfile"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root: set -Dschemagate.root or run below the checkout");
    }

    Path root() {
        return root;
    }

    /**
     * Builds the image from {@code cli/target/schemagate.jar} (once per JVM; the package phase made the jar), labelled
     * with the root pom's version and {@link #REVISION}, and returns its tag. The base image is made on first use and
     * kept.
     */
    synchronized String image() {
        if (image == null) {
            Path jar = root.resolve("cli/target/schemagate.jar");
            Assertions.assertTrue(Files.isRegularFile(jar), jar + " is missing: the package phase must run before this test");
            Result base = script("image/build-base.sh", List.of(), Map.of(), BASE_TIMEOUT);
            Assertions.assertEquals(0, base.exitCode(), "build-base.sh failed: " + base);
            Result build = script("image/build.sh", List.of(IMAGE), Map.of("REVISION", REVISION), BUILD_TIMEOUT);
            Assertions.assertEquals(0, build.exitCode(), "build.sh failed: " + build);
            buildTimes = new BuildTimes(base.took(), build.took());
            image = IMAGE;
        }
        return image;
    }

    /** {@code podman image inspect --format FORMAT IMAGE}, e.g. {@code {{.Size}}}, trimmed. */
    String inspect(String image, String format) {
        Result result = execute(List.of(podman.toString(), "--runtime", "runc", "image", "inspect", "--format", format,
                image), Map.of(), Duration.ofSeconds(60));
        Assertions.assertNotNull(result, "podman image inspect did not finish");
        Assertions.assertEquals(0, result.exitCode(), "podman image inspect failed: " + result);
        return result.stdout().strip();
    }

    /** The durations of the builds {@link #image()} ran, or empty before it ran. */
    synchronized Optional<BuildTimes> buildTimes() {
        return Optional.ofNullable(buildTimes);
    }

    /**
     * {@code podman --runtime runc run --rm --network host -e K=V… -v HOST:CONTAINER… [-w WORKDIR] IMAGE ARGS…}.
     * {@code workdir} may be null (the image's). A run that outlives {@code timeout} is removed and fails the test.
     */
    Result run(String image, Map<String, String> env, List<Mount> mounts, String workdir, List<String> args,
               Duration timeout) {
        return run(image, env, mounts, workdir, args, timeout, List.of());
    }

    /** As above, with more {@code podman run} options (e.g. {@code --security-opt}). */
    Result run(String image, Map<String, String> env, List<Mount> mounts, String workdir, List<String> args,
               Duration timeout, List<String> options) {
        String name = "schemagate-it-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of(podman.toString(), "--runtime", "runc", "run", "--rm",
                "--network", "host", "--name", name));
        command.addAll(options);
        env.forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
        mounts.forEach(mount -> command.addAll(List.of("-v", mount.option())));
        if (workdir != null) {
            command.addAll(List.of("-w", workdir));
        }
        command.add(image);
        command.addAll(args);
        Result result = execute(command, Map.of(), timeout);
        if (result == null) {
            execute(List.of(podman.toString(), "--runtime", "runc", "rm", "-f", "-t", "0", name), Map.of(),
                    Duration.ofSeconds(60));
            Assertions.fail("the container " + String.join(" ", command) + " did not finish within " + timeout);
        }
        return result;
    }

    private Result script(String path, List<String> args, Map<String, String> settings, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(root.resolve(path).toString()));
        command.addAll(args);
        // The image this build packaged, on the default local base, whatever the caller's environment says.
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeAll(List.of("SCHEMAGATE_JAR", "SCHEMAGATE_BASE_IMAGE", "BUILD_OPTIONS", "VERSION", "REVISION",
                "CREATED"));
        env.putAll(Map.of("CONTAINER_ENGINE", "podman", "PODMAN_RUNTIME", "runc"));
        env.putAll(settings);
        Result result = execute(command, env, timeout);
        Assertions.assertNotNull(result, path + " did not finish within " + timeout);
        return result;
    }

    /** Runs a command to its end, with {@code env} as its whole environment if not empty; null when it timed out. */
    private Result execute(List<String> command, Map<String, String> env, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("container-engine", ".out");
            err = Files.createTempFile("container-engine", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (!env.isEmpty()) {
                builder.environment().clear();
                builder.environment().putAll(env);
            }
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return null;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), took);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Adds {@code default_ulimits = []} to the [containers] table of containers.conf unless it is set already. */
    private static void ensureUlimitSetting() {
        try {
            String text = Files.exists(CONTAINERS_CONF) ? Files.readString(CONTAINERS_CONF) : "";
            if (text.lines().anyMatch(line -> line.strip().startsWith("default_ulimits"))) {
                return;
            }
            List<String> lines = new ArrayList<>(text.lines().toList());
            int table = lines.stream().map(String::strip).toList().indexOf("[containers]");
            if (table >= 0) {
                lines.add(table + 1, "default_ulimits = []");
            } else {
                if (!lines.isEmpty()) {
                    lines.add("");
                }
                lines.add("[containers]");
                lines.add("default_ulimits = []");
            }
            Files.createDirectories(CONTAINERS_CONF.getParent());
            Files.writeString(CONTAINERS_CONF, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            unavailable("cannot add default_ulimits = [] to " + CONTAINERS_CONF + " (" + e.getMessage()
                    + "); podman as root cannot start containers without it here");
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        try (Stream<String> dirs = Stream.of(path.split(java.io.File.pathSeparator))) {
            return dirs.filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program)).filter(Files::isExecutable)
                    .findFirst();
        }
    }

    private static void unavailable(String problem) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(problem + "; CI=true, so this fails instead of skipping");
        }
        Assumptions.abort(problem + ": test skipped");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
