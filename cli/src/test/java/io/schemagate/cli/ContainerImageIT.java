package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.cli.ContainerEngine.Mount;
import io.schemagate.cli.ContainerEngine.Result;
import io.schemagate.core.testing.LocalPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Action's container image (github-action/Dockerfile), built from this build's jar and run the way
 * GitHub runs a container action: the workspace mounted at /github/workspace, which is the working directory.
 */
class ContainerImageIT {
    private static final String WORKSPACE = "/github/workspace";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String DS103 = "examples/migrations/20260202110000_drop_legacy_code.sql:2:1: error DS103: column"
            + " legacy_code of public.users is dropped with its data";

    private static ContainerEngine engine;
    private static String image;

    /** Per test, so that a skip (no podman) shows on each test with its reason; the build runs once. */
    @BeforeEach
    void buildImage() {
        if (image == null) {
            engine = ContainerEngine.require();
            image = engine.actionImage();
            engine.buildTimes().ifPresent(times -> System.out.printf(
                    "ContainerImageIT: base image %d ms, action image %d ms%n", times.base().toMillis(),
                    times.image().toMillis()));
        }
    }

    @Test
    void printsTheVersion() {
        Result run = schemagate("--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().startsWith("schemagate "), run.toString());
        assertTrue(run.stdout().contains("Java 17"), "the image's runtime is Java 17\n" + run);
    }

    @Test
    void lintsTheExamplesOnTheEmbeddedPostgres() {
        Result run = schemagate("migrate", "lint", "--dir", "examples/migrations", "--latest", "1");
        assertEquals(1, run.exitCode(), "the example drops a column: the gate fails\n" + run);
        assertTrue(run.stdout().contains(DS103), run.toString());
        assertTrue(run.stdout().contains("replayed on embedded PostgreSQL 16"), run.toString());
    }

    @Test
    void reachesThePostgresOfTheHostThroughTheHostNetwork() {
        LocalPostgres.require();
        Result run = schemagate("migrate", "lint", "--dir", "examples/migrations", "--latest", "1", "--dev-url",
                LocalPostgres.URL);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains(DS103), run.toString());
        assertTrue(run.stdout().contains("replayed on scratch database"), run.toString());
    }

    /**
     * The GitLab components run the same image with its entrypoint emptied ({@code entrypoint: [""]}) and a shell
     * script calling {@code schemagate} from the PATH, as root, in the checked-out project.
     */
    @Test
    void runsAsTheGitlabComponentsCallIt() {
        LocalPostgres.require();
        String script = "schemagate migrate lint --dir examples/migrations --latest 1 --dev-url " + LocalPostgres.URL
                + " --report dotenv=/tmp/schemagate.env --report codequality=/tmp/quality.json --format json"
                + " >/dev/null; echo \"exit=$?\"; cat /tmp/schemagate.env";
        Result run = engine.run(image, Map.of("CI", "true", "GITLAB_CI", "true"),
                List.of(Mount.readOnly(engine.root(), WORKSPACE)), WORKSPACE, List.of("sh", "-c", script), RUN_TIMEOUT,
                List.of("--entrypoint="));
        assertEquals(0, run.exitCode(), run.toString());
        // The example's last file: DS103 (error) and PG510 (warning: users stays locked while accounts is altered).
        assertEquals("exit=1\nerrors=1\nwarnings=1\n", run.stdout(), run.toString());
    }

    private static Result schemagate(String... args) {
        Result run = engine.run(image, Map.of(), List.of(Mount.readOnly(engine.root(), WORKSPACE)), WORKSPACE,
                new ArrayList<>(List.of(args)), RUN_TIMEOUT);
        System.out.printf("ContainerImageIT: schemagate %s: exit %d in %d ms%n", String.join(" ", args), run.exitCode(),
                run.took().toMillis());
        return run;
    }
}
