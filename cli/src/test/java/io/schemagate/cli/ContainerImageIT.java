package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.cli.ContainerEngine.Mount;
import io.schemagate.cli.ContainerEngine.Result;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.core.testing.RegistryProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image (image/Dockerfile), built from this build's jar and run the ways its users run it: {@code docker
 * run IMAGE migrate lint …} with the checkout mounted (the image's entrypoint), GitLab's jobs (entrypoint emptied,
 * {@code schemagate} from the PATH, as root) and Jenkins' {@code docker.image(…).inside} ({@code -u uid:gid}, no
 * passwd entry, entrypoint replaced). In each, the CLI must run as a user other than root: the files it writes say
 * which. GithubActionContainerIT runs the action's entrypoint.
 */
class ContainerImageIT {
    private static final String WORKSPACE = "/work";
    private static final String OUT = "/out";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String DS103 = "examples/migrations/20260202110000_drop_legacy_code.sql:2:1: error DS103: column"
            + " legacy_code of public.users is dropped with its data";
    /** The image's own user, which the entrypoint runs the CLI as when root starts it in a directory of root's. */
    private static final int SCHEMAGATE_UID = 10001;
    /**
     * 10 % above the 326 MB measured (2026-12, linux/amd64, jlink'd runtime, one PostgreSQL archive): a package pulled
     * in by mistake (recommends, docs, a full JRE) shows here.
     */
    private static final long SIZE_CEILING = 360_000_000L;

    private static ContainerEngine engine;
    private static String image;

    /** A directory every uid may write, where the CLI leaves its reports: their owner is the uid it ran as. */
    @TempDir
    Path out;

    /** Per test, so that a skip (no podman) shows on each test with its reason; the build runs once. */
    @BeforeEach
    void buildImage() throws IOException {
        if (image == null) {
            engine = ContainerEngine.require();
            image = engine.image();
            engine.buildTimes().ifPresent(times -> System.out.printf(
                    "ContainerImageIT: base image %d ms, image %d ms%n", times.base().toMillis(), times.image().toMillis()));
        }
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void printsTheVersion() {
        Result run = schemagate("--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("schemagate " + pomVersion(), run.stdout().lines().findFirst().orElse(""), run.toString());
        assertTrue(run.stdout().contains("Java 17"), "the image's runtime is Java 17\n" + run);
    }

    /** The OCI labels a registry shows: the version is the pom's, the revision the one build.sh was given. */
    @Test
    void labelsSayWhatWasBuiltFromWhere() throws IOException {
        JsonNode labels = new ObjectMapper().readTree(engine.inspect(image, "{{json .Config.Labels}}"));
        assertEquals(pomVersion(), labels.path("org.opencontainers.image.version").asText(), labels.toString());
        assertEquals(ContainerEngine.REVISION, labels.path("org.opencontainers.image.revision").asText(), labels.toString());
        assertEquals("https://github.com/schemagate/schemagate", labels.path("org.opencontainers.image.source").asText());
        assertEquals("Apache-2.0", labels.path("org.opencontainers.image.licenses").asText());
        assertEquals("schemagate", labels.path("org.opencontainers.image.title").asText());

        long size = Long.parseLong(engine.inspect(image, "{{.Size}}"));
        System.out.printf("ContainerImageIT: image size %d bytes (%.1f MB)%n", size, size / 1e6);
        assertTrue(size < SIZE_CEILING, "the image grew to " + size + " bytes");
    }

    /**
     * The image's Java is the jlink'd runtime on the PATH, with the modules jdeps cannot see (TLS's elliptic curves,
     * sun.misc.Unsafe) and without the ones the CLI never loads; the class-data archive was made by that runtime (with
     * -Xshare:on the JVM fails instead of running without it); and the jar keeps only this platform's PostgreSQL.
     */
    @Test
    void runsOnItsJlinkedRuntimeWithOnlyItsOwnPlatformsPostgres() throws IOException {
        String script = "command -v java && java -Xshare:on -XX:SharedArchiveFile=/opt/schemagate/schemagate.jsa"
                + " -XX:+UseSerialGC -jar /opt/schemagate/schemagate.jar --version >/dev/null && echo archive=mapped"
                + " && java --list-modules && cp /opt/schemagate/schemagate.jar " + OUT + "/schemagate.jar";
        Result run = engine.run(image, Map.of(), List.of(Mount.of(out, OUT)), null, List.of("sh", "-c", script),
                RUN_TIMEOUT, List.of("--entrypoint="));
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(List.of("/opt/java/bin/java", "archive=mapped"), lines.subList(0, 2), run.toString());
        List<String> modules = lines.stream().skip(2).map(line -> line.split("@")[0]).toList();
        assertTrue(modules.containsAll(List.of("java.base", "java.sql", "java.net.http", "jdk.crypto.ec",
                "jdk.unsupported")), modules.toString());
        assertTrue(modules.stream().noneMatch(List.of("jdk.jfr", "jdk.compiler", "jdk.jlink", "jdk.jshell")::contains),
                modules.toString());

        String own = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "postgres-linux-x86_64.txz";
            case "aarch64", "arm64" -> "postgres-linux-arm_64.txz";
            default -> Assumptions.abort("no PostgreSQL is bundled for " + System.getProperty("os.arch"));
        };
        try (ZipFile jar = new ZipFile(out.resolve("schemagate.jar").toFile())) {
            assertEquals(List.of(own), jar.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".txz")).toList());
        }
    }

    @Test
    void lintsTheExamplesOnTheEmbeddedPostgresAsNonRoot() throws IOException {
        Result run = schemagate("migrate", "lint", "--dir", "examples/migrations", "--latest", "1",
                "--report", "json=" + OUT + "/lint.json");
        assertEquals(1, run.exitCode(), "the example drops a column: the gate fails\n" + run);
        assertTrue(run.stdout().contains(DS103), run.toString());
        assertTrue(run.stdout().contains("replayed on embedded PostgreSQL 16"), run.toString());
        assertEquals(expectedUid(), owner(out.resolve("lint.json")), "the uid the CLI ran as");
    }

    @Test
    void reachesThePostgresOfTheHostThroughTheHostNetworkAsNonRoot() throws IOException {
        LocalPostgres.require();
        Result run = schemagate("migrate", "lint", "--dir", "examples/migrations", "--latest", "1", "--dev-url",
                LocalPostgres.URL, "--report", "json=" + OUT + "/lint.json");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains(DS103), run.toString());
        assertTrue(run.stdout().contains("replayed on scratch database"), run.toString());
        assertEquals(expectedUid(), owner(out.resolve("lint.json")), "the uid the CLI ran as");
    }

    /** Root may be asked for (SCHEMAGATE_USER=root), and then only does the CLI run as root. */
    @Test
    void staysRootOnlyWhenAsked() throws IOException {
        LocalPostgres.require();
        Result run = engine.run(image, Map.of("SCHEMAGATE_USER", "root"), mounts(), WORKSPACE,
                List.of("migrate", "lint", "--dir", "examples/migrations", "--latest", "1", "--dev-url", LocalPostgres.URL,
                        "--report", "json=" + OUT + "/lint.json"), RUN_TIMEOUT);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(0, owner(out.resolve("lint.json")));
    }

    /**
     * The GitLab components run the same image with its entrypoint emptied ({@code entrypoint: [""]}) and a shell
     * script calling {@code schemagate} from the PATH, as root, in the checked-out project.
     */
    @Test
    void runsAsTheGitlabComponentsCallIt() throws IOException {
        LocalPostgres.require();
        String script = "schemagate migrate lint --dir examples/migrations --latest 1 --dev-url " + LocalPostgres.URL
                + " --report dotenv=/tmp/schemagate.env --report codequality=/tmp/quality.json --format json"
                + " >/dev/null; echo \"exit=$?\"; cat /tmp/schemagate.env; stat -c 'owner=%u' /tmp/schemagate.env";
        Result run = engine.run(image, Map.of("CI", "true", "GITLAB_CI", "true"), mounts(), WORKSPACE,
                List.of("sh", "-c", script), RUN_TIMEOUT, List.of("--entrypoint="));
        assertEquals(0, run.exitCode(), run.toString());
        // The example's last file: DS103 (error) and PG510 (warning: users stays locked while accounts is altered).
        assertEquals("exit=1\nerrors=1\nwarnings=1\nowner=" + expectedUid() + "\n", run.stdout(), run.toString());
    }

    /**
     * Jenkins' {@code docker.image(IMAGE).inside { sh 'schemagate …' }}: the agent's uid:gid, which has no passwd
     * entry in the image (podman would add one; Docker does not: {@code --passwd=false}), the entrypoint replaced, and
     * HOME unset. initdb looks its user up by uid, so the embedded default needs the name the entrypoint gives it.
     */
    @Test
    void runsAsJenkinsDockerInsideDoes() throws IOException {
        String script = "schemagate migrate lint --dir examples/migrations --latest 1 --report json=" + OUT
                + "/lint.json; echo \"exit=$?\"; id -u";
        Result run = engine.run(image, Map.of(), mounts(), WORKSPACE, List.of("sh", "-c", script), RUN_TIMEOUT,
                List.of("--entrypoint=", "--user", "4242:4242", "--passwd=false"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("replayed on embedded PostgreSQL 16"), run.toString());
        assertTrue(run.stdout().endsWith("exit=1\n4242\n"), run.toString());
        assertEquals(4242, owner(out.resolve("lint.json")));
    }

    /** {@code migrate push} from the image to a registry (a local docker-registry process), as non-root. */
    @Test
    void pushesTheExamplesToARegistry() throws Exception {
        try (RegistryProcess registry = RegistryProcess.open()) {
            String repository = "oci://" + registry.host() + "/image-it/examples";
            Result run = schemagate("migrate", "push", "--dir", "examples/migrations", "--to", repository, "--tag", "it",
                    "--report", "dotenv=" + OUT + "/push.env");
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.stdout().startsWith(repository + "@sha256:"), run.toString());
            String digest = run.stdout().lines().findFirst().orElseThrow().substring((repository + "@").length());
            assertNotEquals(0, owner(out.resolve("push.env")));

            HttpResponse<String> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://" + registry.host() + "/v2/image-it/examples/manifests/it"))
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, manifest.statusCode(), manifest.body());
            assertEquals(digest, manifest.headers().firstValue("Docker-Content-Digest").orElse(""), manifest.headers().toString());
        }
    }

    private Result schemagate(String... args) {
        Result run = engine.run(image, Map.of(), mounts(), WORKSPACE, new ArrayList<>(List.of(args)), RUN_TIMEOUT);
        System.out.printf("ContainerImageIT: schemagate %s: exit %d in %d ms%n", String.join(" ", args), run.exitCode(),
                run.took().toMillis());
        return run;
    }

    /** The checkout read-only at /work, the working directory, and the writable report directory at /out. */
    private List<Mount> mounts() {
        return List.of(Mount.readOnly(engine.root(), WORKSPACE), Mount.of(out, OUT));
    }

    /** The entrypoint runs the CLI as the owner of the working directory (the checkout), or schemagate if that is root. */
    private static int expectedUid() throws IOException {
        int checkoutOwner = owner(engine.root());
        return checkoutOwner == 0 ? SCHEMAGATE_UID : checkoutOwner;
    }

    private static int owner(Path file) throws IOException {
        assertTrue(Files.exists(file), file + " was not written");
        return (Integer) Files.getAttribute(file, "unix:uid");
    }

    /** The version Maven filtered into the CLI's resources: the root pom's. */
    private static String pomVersion() {
        try (InputStream in = ContainerImageIT.class.getResourceAsStream("/schemagate-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no schemagate-version.properties on the class path", e);
        }
    }
}
