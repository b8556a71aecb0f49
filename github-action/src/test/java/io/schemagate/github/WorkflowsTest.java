package io.schemagate.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.testing.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's own GitHub workflows ({@code .github/workflows}): valid for GitHub, least token permissions, CI
 * running the README's test command, and a release that publishes what the README's Install section promises. Also
 * the two scripts both release pipelines (GitHub's and GitLab's) run, {@code .ci/release-check.sh} and
 * {@code .ci/release-notes.sh}, run for real on copies of the repository's pom.xml and CHANGELOG.md.
 */
class WorkflowsTest {
    private static final Path ROOT = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize();
    private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");

    private static List<Path> workflowFiles() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            List<Path> workflows = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList();
            assertFalse(workflows.isEmpty(), "no workflow in " + WORKFLOWS);
            return workflows;
        }
    }

    private static JsonNode workflow(String name) throws IOException {
        return ActionMetadataTest.yaml(Files.readString(WORKFLOWS.resolve(name)));
    }

    @Test
    void everyWorkflowValidatesAgainstGithubsSchema() throws IOException {
        for (Path file : workflowFiles()) {
            JsonNode workflow = ActionMetadataTest.yaml(Files.readString(file));
            assertEquals(Set.of(), ActionMetadataTest.validate("github-workflow.json", workflow), file.toString());
        }
        // The schema does check what matters here: a permission that is not read, write or none is refused.
        ObjectNode broken = workflow("release.yml").deepCopy();
        ((ObjectNode) broken.at("/jobs/release/permissions")).put("contents", "all");
        assertFalse(ActionMetadataTest.validate("github-workflow.json", broken).isEmpty());
    }

    /**
     * A workflow's top level grants nothing to write with (often nothing at all: {@code {}}); a job that needs more
     * says so itself, and when the top level grants nothing every job says what it needs.
     */
    @Test
    void everyJobHoldsOnlyThePermissionsItDeclares() throws IOException {
        for (Path file : workflowFiles()) {
            JsonNode workflow = ActionMetadataTest.yaml(Files.readString(file));
            JsonNode top = workflow.path("permissions");
            assertTrue(top.isObject(), file + ": top-level permissions must be a map (read-all/write-all grant too much)");
            top.fields().forEachRemaining(scope ->
                    assertFalse(scope.getValue().asText().equals("write"), file + ": top level grants " + scope.getKey()
                            + ": write to every job; grant it in the job that needs it"));
            workflow.path("jobs").fields().forEachRemaining(job -> {
                JsonNode own = job.getValue().path("permissions");
                if (top.isEmpty()) {
                    assertTrue(own.isObject(), file + ": job " + job.getKey() + " declares no permissions");
                }
                assertFalse(own.isTextual(), file + ": job " + job.getKey() + " grants " + own.asText());
            });
        }
    }

    @Test
    void everyActionIsPinnedToAMajorVersionTag() throws IOException {
        Pattern pinned = Pattern.compile("[\\w.-]+/[\\w.-]+@v\\d+");
        for (Path file : workflowFiles()) {
            ActionMetadataTest.yaml(Files.readString(file)).path("jobs").forEach(job -> job.path("steps").forEach(step -> {
                if (step.has("uses")) {
                    assertTrue(pinned.matcher(step.get("uses").asText()).matches(), file + ": " + step.get("uses"));
                }
            }));
        }
    }

    /** ci.yml runs .ci/run, whose last command is TEST_COMMAND, the README's: so CI runs exactly that. */
    @Test
    void ciRunsTheReadmesTestCommandWithItsServices() throws IOException {
        String run = Files.readString(ROOT.resolve(".ci/run"));
        Matcher command = Pattern.compile("(?m)^TEST_COMMAND='([^']+)'$").matcher(run);
        assertTrue(command.find(), ".ci/run defines no TEST_COMMAND");
        assertEquals("mvn -B -ntp verify", command.group(1));
        List<String> lines = run.strip().lines().toList();
        assertEquals("$TEST_COMMAND", lines.get(lines.size() - 1), ".ci/run's last command is the test command");
        assertTrue(Files.readString(ROOT.resolve("README.md")).contains(command.group(1)));

        JsonNode ci = workflow("ci.yml");
        assertTrue(ci.path("on").has("pull_request"), ci.path("on").toString());
        assertEquals("[\"main\"]", ci.at("/on/push/branches").toString());
        assertEquals("read", ci.at("/permissions/contents").asText());
        assertEquals(1, ci.path("permissions").size(), "ci.yml reads the repository, nothing more");
        assertTrue(ci.at("/concurrency/cancel-in-progress").asBoolean(), "a newer push cancels the run it supersedes");
        assertEquals(1, ci.path("jobs").size());
        JsonNode job = ci.path("jobs").elements().next();
        assertEquals("ubuntu-latest", job.path("runs-on").asText());
        assertEquals("postgres:15", job.at("/services/postgres/image").asText());
        assertEquals("trust", job.at("/services/postgres/env/POSTGRES_HOST_AUTH_METHOD").asText());
        assertEquals("[\"5432:5432\"]", job.at("/services/postgres/ports").toString());
        assertEquals("mariadb:10.11", job.at("/services/mariadb/image").asText());
        assertEquals("1", job.at("/services/mariadb/env/MARIADB_ALLOW_EMPTY_ROOT_PASSWORD").asText());
        assertEquals("[\"3306:3306\"]", job.at("/services/mariadb/ports").toString());
        JsonNode java = step(job, "actions/setup-java@v4");
        assertEquals("temurin", java.at("/with/distribution").asText());
        assertEquals("17", java.at("/with/java-version").asText());
        assertEquals("maven", java.at("/with/cache").asText());
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> runs.addAll(step.path("run").asText().lines().toList()));
        assertEquals(1, runs.stream().filter(line -> line.endsWith(" bash .ci/run")).count(), runs.toString());
    }

    @Test
    void releaseOnAVersionTagPublishesTheJarTheImageAndBothTags() throws IOException {
        JsonNode release = workflow("release.yml");
        assertEquals("[\"v[0-9]+.[0-9]+.[0-9]+\"]", release.at("/on/push/tags").toString(), "no pre-releases");
        assertEquals("release", release.at("/concurrency/group").asText(), "one release at a time, whatever its tag");
        assertFalse(release.at("/concurrency/cancel-in-progress").asBoolean());
        assertEquals(1, release.path("on").size(), "releases start from a tag only");
        assertTrue(release.path("permissions").isObject() && release.path("permissions").isEmpty(),
                "the top level grants nothing: " + release.path("permissions"));
        JsonNode jobs = release.path("jobs");
        assertEquals(List.of("check", "jar", "release", "image", "publish", "major-tag"), names(jobs));
        assertEquals(Map.of("contents", "read"), permissions(jobs.get("check")));
        assertEquals(Map.of("contents", "read"), permissions(jobs.get("jar")));
        assertEquals(Map.of("contents", "write"), permissions(jobs.get("release")));
        assertEquals(Map.of("contents", "read", "packages", "write"), permissions(jobs.get("image")));
        assertEquals(Map.of("contents", "write"), permissions(jobs.get("major-tag")));

        // check: the tag against pom.xml, through the script; its KEY=VALUE lines become the job's outputs.
        JsonNode check = jobs.get("check");
        JsonNode checkStep = stepWithId(check, "check");
        assertEquals("${{ github.ref_name }}", checkStep.at("/env/TAG").asText());
        assertTrue(checkStep.path("run").asText().contains("sh .ci/release-check.sh \"$TAG\" >release.env"));
        assertTrue(checkStep.path("run").asText().contains("cat release.env >>\"$GITHUB_OUTPUT\""));
        assertEquals("${{ steps.check.outputs.RELEASE_VERSION }}", check.at("/outputs/version").asText());
        assertEquals("${{ steps.check.outputs.RELEASE_MAJOR }}", check.at("/outputs/major").asText());
        assertEquals("${{ steps.check.outputs.RELEASE_LATEST }}", check.at("/outputs/latest").asText());
        assertEquals(0, step(check, "actions/checkout@v4").at("/with/fetch-depth").asInt(-1), "every tag, for LATEST");
        // ... and every version string in the repository against it, before any job publishes.
        assertTrue(runs(check).contains("mvn -B -ntp -pl github-action -am test -Dtest=ReleaseVersionsTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false"), runs(check));

        // jar: the jar, its checksum and the notes, built with a read-only token and no Maven cache (setup-java's is
        // shared with ci.yml's runs, pull requests among them: whatever they left in ~/.m2 would be released).
        JsonNode jar = jobs.get("jar");
        String jarRuns = runs(jar);
        assertTrue(jarRuns.contains("mvn -B -ntp package -DskipTests"), jarRuns);
        assertTrue(jarRuns.contains("sha256sum \"schemagate-$VERSION.jar\" >\"schemagate-$VERSION.jar.sha256\""), jarRuns);
        assertTrue(jarRuns.contains("sh .ci/release-notes.sh \"$VERSION\" >release/release-notes.md"), jarRuns);
        assertEquals("false", step(jar, "actions/checkout@v4").at("/with/persist-credentials").asText());
        assertEquals("${{ needs.check.outputs.version }}", jar.at("/env/VERSION").asText());
        jobs.fields().forEachRemaining(job -> job.getValue().path("steps").forEach(step ->
                assertFalse(step.path("with").has("cache") || step.path("uses").asText().startsWith("actions/cache"),
                        job.getKey() + ": no cache may feed a release: " + step)));

        // release: the one job that writes to the repository runs none of its code (no checkout), only gh on the
        // jar job's files.
        JsonNode releaseJob = jobs.get("release");
        assertEquals("[\"check\",\"jar\"]", releaseJob.path("needs").toString());
        assertFalse(releaseJob.toString().contains("actions/checkout"), releaseJob.toString());
        assertEquals("release-files", step(releaseJob, "actions/download-artifact@v4").at("/with/name").asText());
        String releaseRuns = runs(releaseJob);
        assertTrue(releaseRuns.contains("gh release create \"$TAG\" --draft --latest=\"$LATEST\" --verify-tag"), releaseRuns);
        assertEquals("${{ needs.check.outputs.latest }}", releaseJob.at("/env/LATEST").asText());
        assertTrue(releaseRuns.contains(
                "--notes-file release-notes.md \"schemagate-$VERSION.jar\" \"schemagate-$VERSION.jar.sha256\""), releaseRuns);

        // image: image/Dockerfile, both platforms, both tags, pushed; the jar is the cli job's.
        JsonNode image = jobs.get("image");
        assertEquals("[\"check\",\"jar\"]", image.path("needs").toString());
        assertEquals("cli/target", step(image, "actions/download-artifact@v4").at("/with/path").asText());
        // QEMU's set-up runs a privileged container: before the login, while docker holds no registry credential.
        List<String> uses = new ArrayList<>();
        image.path("steps").forEach(s -> uses.add(s.path("uses").asText()));
        assertTrue(uses.indexOf("docker/setup-qemu-action@v3") >= 0
                && uses.indexOf("docker/setup-qemu-action@v3") < uses.indexOf("docker/login-action@v3"), uses.toString());
        step(image, "docker/setup-buildx-action@v3");
        assertEquals("ghcr.io", step(image, "docker/login-action@v3").at("/with/registry").asText());
        JsonNode build = step(image, "docker/build-push-action@v6").path("with");
        assertEquals("image/Dockerfile", build.path("file").asText());
        assertEquals(".", build.path("context").asText());
        assertEquals(Set.of("linux/amd64", "linux/arm64"), Set.of(build.path("platforms").asText().split(",")));
        assertEquals(Set.of("VERSION=${{ needs.check.outputs.version }}", "REVISION=${{ github.sha }}"),
                new LinkedHashSet<>(build.path("build-args").asText().lines().toList()));
        assertEquals(Set.of("ghcr.io/schemagate/schemagate:${{ needs.check.outputs.version }}",
                "${{ needs.check.outputs.latest == 'true' && format('ghcr.io/schemagate/schemagate:{0}', "
                        + "needs.check.outputs.major) || '' }}"),
                new LinkedHashSet<>(build.path("tags").asText().lines().toList()), "the major tag for the highest only");
        assertTrue(build.path("push").asBoolean());

        // publish: the draft goes public only after the image it names was pushed.
        JsonNode publish = jobs.get("publish");
        assertEquals(Map.of("contents", "write"), permissions(publish));
        assertEquals("[\"check\",\"release\",\"image\"]", publish.path("needs").toString());
        assertTrue(runs(publish).contains("gh release edit \"$TAG\" --draft=false --latest=\"$LATEST\""), runs(publish));
        assertTrue(publish.toString().contains("\"LATEST\":\"${{ needs.check.outputs.latest }}\""), publish.toString());

        // major-tag: last, the action's v0 moves to the released commit.
        JsonNode major = jobs.get("major-tag");
        assertEquals("[\"check\",\"publish\"]", major.path("needs").toString());
        assertEquals("needs.check.outputs.latest == 'true'", major.path("if").asText(), "v0 never moves back");
        String majorRuns = runs(major);
        assertTrue(majorRuns.contains("git tag --force \"$MAJOR\" \"$GITHUB_SHA\""), majorRuns);
        assertTrue(majorRuns.contains("git push --force origin \"refs/tags/$MAJOR\""), majorRuns);
        assertTrue(major.toString().contains("\"MAJOR\":\"${{ needs.check.outputs.major }}\""), major.toString());
    }

    /** release-check.sh, as both pipelines run it, on a copy of the repository's pom.xml and CHANGELOG.md. */
    @Test
    void releaseCheckAcceptsOnlyTheTagOfTheDatedReleaseInThePom(@TempDir Path copy) throws Exception {
        String release = pomVersion().replace("-SNAPSHOT", "");
        copyRepository(copy);
        Path changelog = copy.resolve("CHANGELOG.md");
        Matcher heading = Pattern.compile("(?m)^## \\[" + Pattern.quote(release) + "\\].*$")
                .matcher(Files.readString(changelog));
        assertTrue(heading.find(), "CHANGELOG.md has no section for " + release);
        Files.writeString(changelog, heading.replaceFirst("## [" + release + "] - Unreleased"));

        setPomVersion(copy, release + "-SNAPSHOT");
        Result onSnapshot = run(copy, ".ci/release-check.sh", "v" + release);
        assertEquals(1, onSnapshot.exit(), onSnapshot.output());
        assertTrue(onSnapshot.output().contains("pom.xml's version " + release + "-SNAPSHOT is not a release version"),
                onSnapshot.output());

        setPomVersion(copy, release);
        Result undated = run(copy, ".ci/release-check.sh", "v" + release);
        assertEquals(1, undated.exit(), undated.output());
        assertTrue(undated.output().contains("CHANGELOG.md has no dated section for " + release), undated.output());

        Files.writeString(changelog, Files.readString(changelog).replace("## [" + release + "] - Unreleased",
                "## [" + release + "] - 2027-01-15"));
        // A git repository with the tags of earlier releases, a pre-release and the moving major tag.
        String major = "v" + release.split("\\.")[0];
        GitRepo repo = GitRepo.init(copy);
        repo.commit("a release");
        for (String tag : List.of("v0.0.9", "v0.0.10", major, "v99.0.0-rc.1")) {
            repo.git("tag", tag);
        }
        Result released = run(copy, ".ci/release-check.sh", "v" + release);
        assertEquals(new Result(0, "RELEASE_VERSION=" + release + "\nRELEASE_MAJOR=" + major
                + "\nRELEASE_LATEST=true\n"), released);
        // A patch of an older line, once a higher release is tagged: no moving tag moves, GitHub marks nothing Latest.
        String[] parts = release.split("\\.");
        repo.git("tag", "v" + parts[0] + "." + (Integer.parseInt(parts[1]) + 10) + ".0");
        Result olderLine = run(copy, ".ci/release-check.sh", "v" + release);
        assertEquals(new Result(0, "RELEASE_VERSION=" + release + "\nRELEASE_MAJOR=" + major
                + "\nRELEASE_LATEST=false\n"), olderLine);
        repo.git("tag", "--delete", "v" + parts[0] + "." + (Integer.parseInt(parts[1]) + 10) + ".0");

        Result otherTag = run(copy, ".ci/release-check.sh", "v9" + release);
        assertEquals(1, otherTag.exit(), otherTag.output());
        assertTrue(otherTag.output().contains("tag v9" + release + " does not name pom.xml's version " + release),
                otherTag.output());
        Result majorTag = run(copy, ".ci/release-check.sh", major);
        assertEquals(1, majorTag.exit(), "a moving major tag is no release: " + majorTag.output());

        // What users run must name the release too: the action's image, each component's default image.
        Path action = copy.resolve("action.yml");
        String pinned = Files.readString(action);
        Files.writeString(action, pinned.replace("schemagate/schemagate:" + release, "schemagate/schemagate:9" + release));
        Result staleAction = run(copy, ".ci/release-check.sh", "v" + release);
        assertEquals(1, staleAction.exit(), staleAction.output());
        assertTrue(staleAction.output().contains("action.yml does not run ghcr.io/schemagate/schemagate:" + release),
                staleAction.output());
        Files.writeString(action, pinned);
        Path template = copy.resolve("templates/schema-plan.yml");
        Files.writeString(template, Files.readString(template)
                .replace("schemagate/schemagate:" + release, "schemagate/schemagate:" + release + "1"));
        Result staleTemplate = run(copy, ".ci/release-check.sh", "v" + release);
        assertEquals(1, staleTemplate.exit(), staleTemplate.output());
        assertTrue(staleTemplate.output().contains("templates/schema-plan.yml's image default is not "
                + "registry.gitlab.com/schemagate/schemagate:" + release), staleTemplate.output());
    }

    /** The release notes are the version's section of CHANGELOG.md, without its heading and the link lines. */
    @Test
    void releaseNotesAreTheVersionsChangelogSection(@TempDir Path copy) throws Exception {
        String release = pomVersion().replace("-SNAPSHOT", "");
        copyRepository(copy);
        Files.writeString(copy.resolve("CHANGELOG.md"), """
                # Changelog

                ## [Unreleased]

                ## [%1$s] - 2027-01-15

                First line.

                ### Added
                - a thing


                ## [0.0.9] - 2026-01-01
                - older

                [%1$s]: https://github.com/schemagate/schemagate/releases/tag/v%1$s
                """.formatted(release));
        Result notes = run(copy, ".ci/release-notes.sh", release);
        assertEquals(new Result(0, "First line.\n\n### Added\n- a thing\n"), notes);
        Result last = run(copy, ".ci/release-notes.sh", "0.0.9");
        assertEquals(new Result(0, "- older\n"), last);
        Result none = run(copy, ".ci/release-notes.sh", "0.0.8");
        assertEquals(1, none.exit());
        assertTrue(none.output().contains("CHANGELOG.md has no \"## [0.0.8]\" section"), none.output());

        // And the repository's own CHANGELOG.md has notes for the coming release.
        Result own = run(ROOT, ".ci/release-notes.sh", release);
        assertEquals(0, own.exit(), own.output());
        assertFalse(own.output().isBlank());
        assertFalse(own.output().contains("## [" + release + "]") || own.output().contains("]: https://"), own.output());
    }

    record Result(int exit, String output) {
    }

    /** {@code sh SCRIPT ARGS} in {@code dir}: exit code, and stdout then stderr. */
    private static Result run(Path dir, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void copyRepository(Path copy) throws IOException {
        Files.createDirectories(copy.resolve(".ci"));
        Files.createDirectories(copy.resolve("templates"));
        List<String> files = new ArrayList<>(List.of("pom.xml", "CHANGELOG.md", "action.yml", ".ci/release-check.sh",
                ".ci/release-notes.sh"));
        try (Stream<Path> templates = Files.list(ROOT.resolve("templates"))) {
            templates.filter(t -> t.toString().endsWith(".yml")).forEach(t -> files.add("templates/" + t.getFileName()));
        }
        for (String file : files) {
            Files.copy(ROOT.resolve(file), copy.resolve(file));
        }
    }

    private static String pomVersion() throws IOException {
        return ReleaseVersionsTest.pom(ROOT.resolve("pom.xml")).version().value();
    }

    /** Sets the copy's project version (the root pom's first {@code <version>}, as release-check.sh reads it). */
    private static void setPomVersion(Path copy, String version) throws IOException {
        Path pom = copy.resolve("pom.xml");
        String current = ReleaseVersionsTest.pom(pom).version().value();
        Files.writeString(pom, Files.readString(pom).replaceFirst("<version>" + Pattern.quote(current) + "</version>",
                "<version>" + version + "</version>"));
        assertEquals(version, ReleaseVersionsTest.pom(pom).version().value());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> permissions(JsonNode job) {
        Map<String, String> permissions = new TreeMap<>();
        job.path("permissions").fields().forEachRemaining(p -> permissions.put(p.getKey(), p.getValue().asText()));
        return permissions;
    }

    private static JsonNode step(JsonNode job, String uses) {
        for (JsonNode step : job.path("steps")) {
            if (uses.equals(step.path("uses").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + uses + " in " + job);
    }

    private static JsonNode stepWithId(JsonNode job, String id) {
        for (JsonNode step : job.path("steps")) {
            if (id.equals(step.path("id").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + job);
    }

    private static String runs(JsonNode job) {
        StringBuilder runs = new StringBuilder();
        job.path("steps").forEach(step -> runs.append(step.path("run").asText()).append('\n'));
        return runs.toString();
    }
}
