package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar talks to GitLab: GitLab4J's HTTP stack (Jersey, found through {@code META-INF/services}) must
 * survive shading into {@code schemagate.jar}. One lint in a merge-request pipeline, as its own process.
 */
class GitlabJarIT {
    private static final Path JAR = Path.of("target/schemagate.jar").toAbsolutePath();

    @Test
    void thePackagedJarPostsTheNoteAndThreads(@TempDir Path temp) throws Exception {
        LocalPostgres.require();
        try (MergeRequestScenario scenario = new MergeRequestScenario(temp.resolve("project"))) {
            ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", JAR.toString(), "migrate", "lint",
                    "--dir", "db/migrations", "--dev-url", LocalPostgres.URL))
                    .directory(scenario.repo.root.toFile())
                    .redirectOutput(temp.resolve("out").toFile())
                    .redirectError(temp.resolve("err").toFile());
            builder.environment().putAll(scenario.pipeline(MergeRequestScenario.TOKEN));
            Process process = builder.start();
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "lint did not finish");
            String err = Files.readString(temp.resolve("err"), StandardCharsets.UTF_8);
            assertEquals(1, process.exitValue(), err + Files.readString(temp.resolve("out")));
            assertTrue(err.contains("schemagate: merge request !3: summary note "), err);
            assertTrue(err.contains("line comments: 1 posted"), err);
            assertTrue(err.lines().allMatch(line -> line.startsWith("schemagate: ")), "no client logging:\n" + err);
            assertEquals(1, scenario.gitlab.threads(MergeRequestScenario.IID).size());
        }
    }
}
