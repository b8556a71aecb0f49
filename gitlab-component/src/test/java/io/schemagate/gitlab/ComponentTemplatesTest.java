package io.schemagate.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.schemagate.core.testing.SharedData;
import io.schemagate.gitlab.testing.GitlabCiLocal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The CI/CD components in {@code templates/}: their {@code spec:} headers, and what GitLab makes of them. */
class ComponentTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = GitlabCiLocal.repositoryRoot();
    /** The rule of the root pipeline's release jobs: tags v1.2.3. */
    private static final String RELEASE_TAG = "$CI_COMMIT_TAG =~ /^v\\d+\\.\\d+\\.\\d+$/";
    /** The image the root pipeline builds of each commit and runs the components with. */
    private static final String COMMIT_IMAGE = "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA";

    /** A template's two documents: the spec header, then the jobs. */
    private static List<JsonNode> documents(String name) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(ROOT.resolve("templates/" + name)))) {
            documents.add(JSON.valueToTree(document));
        }
        return documents;
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrate-lint.yml", "migrate-push.yml", "schema-plan.yml"})
    void everyInputIsDescribedAndClosedOnesOfferTheirDefault(String template) throws IOException {
        List<JsonNode> documents = documents(template);
        assertEquals(2, documents.size(), template + ": a spec header, ---, then the jobs");
        JsonNode inputs = documents.get(0).path("spec").path("inputs");
        assertTrue(inputs.size() >= 6, template + " has inputs");
        inputs.fields().forEachRemaining(input -> {
            JsonNode spec = input.getValue();
            assertFalse(spec.path("description").asText().isBlank(), input.getKey() + " needs a description");
            assertTrue(spec.has("default"), input.getKey() + " has a default: the component works without it");
            if (spec.has("options")) {
                List<String> options = new ArrayList<>();
                spec.get("options").forEach(o -> options.add(o.asText()));
                assertTrue(options.contains(spec.get("default").asText()), input.getKey() + ": default among " + options);
            }
        });
        for (String common : List.of("job-name", "stage", "image", "dir", "dir-format")) {
            assertTrue(inputs.has(common), template + " lacks " + common);
        }
        assertEquals(1, documents.get(1).size(), "one job, named by the job-name input");
        assertTrue(documents.get(1).has("$[[ inputs.job-name ]]"));
    }

    @Test
    void lintOffersTheIssuesInputsAndFillsTheWidgets() throws IOException {
        List<JsonNode> lint = documents("migrate-lint.yml");
        for (String input : List.of("dev-url", "dev-services", "config", "fail-on", "gitlab-token")) {
            assertTrue(lint.get(0).at("/spec/inputs").has(input), input);
        }
        assertEquals("array", lint.get(0).at("/spec/inputs/dev-services/type").asText());
        assertEquals("$GITLAB_TOKEN", lint.get(0).at("/spec/inputs/gitlab-token/default").asText());
        JsonNode job = lint.get(1).get("$[[ inputs.job-name ]]");
        assertEquals("always", job.at("/artifacts/when").asText());
        assertEquals("gl-code-quality-report.json", job.at("/artifacts/reports/codequality").asText());
        assertEquals("schemagate-junit.xml", job.at("/artifacts/reports/junit").asText());
        assertEquals("schemagate.env", job.at("/artifacts/reports/dotenv").asText());
        assertEquals(List.of("$CI_PIPELINE_SOURCE == \"merge_request_event\"", "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"),
                rules(job));
        JsonNode push = documents("migrate-push.yml").get(1).get("$[[ inputs.job-name ]]");
        assertEquals(List.of("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"), rules(push));
        assertEquals("schemagate-push.env", push.at("/artifacts/reports/dotenv").asText());
    }

    /** The plan component: lint's inputs where they apply, plus to; merge requests only; its own dotenv. */
    @Test
    void planMirrorsLintsInputsPlusTo() throws IOException {
        List<JsonNode> plan = documents("schema-plan.yml");
        JsonNode inputs = plan.get(0).at("/spec/inputs");
        JsonNode lintInputs = documents("migrate-lint.yml").get(0).at("/spec/inputs");
        for (String input : List.of("stage", "image", "dir", "dir-format", "dev-url", "dev-services", "config", "fail-on",
                "gitlab-token")) {
            assertTrue(inputs.has(input), input);
            if (!input.equals("fail-on") && !input.equals("dev-url") && !input.equals("gitlab-token")) {
                assertEquals(lintInputs.get(input).get("default"), inputs.get(input).get("default"), input);
            }
        }
        assertEquals(lintInputs.at("/fail-on/options"), inputs.at("/fail-on/options"));
        assertFalse(inputs.has("suggestions"), "the plan posts no threads");
        assertEquals("file://schema.sql", inputs.at("/to/default").asText());
        JsonNode job = plan.get(1).get("$[[ inputs.job-name ]]");
        assertEquals(List.of("$CI_PIPELINE_SOURCE == \"merge_request_event\""), rules(job));
        assertEquals("schemagate-plan.env", job.at("/artifacts/reports/dotenv").asText());
        assertEquals("always", job.at("/artifacts/when").asText());
        assertTrue(job.at("/script/0").asText().contains("set -- schema plan --dir \"$SCHEMAGATE_DIR\""),
                job.at("/script/0").asText());
        assertEquals("$[[ inputs.to ]]", job.at("/variables/SCHEMAGATE_TO").asText());
    }

    /** The default image is the release these templates ship with, from the project's registry: the project's version. */
    @ParameterizedTest
    @ValueSource(strings = {"migrate-lint.yml", "migrate-push.yml", "schema-plan.yml"})
    void theDefaultImageIsPinnedToTheProjectsVersion(String template) throws IOException {
        String release = pomVersion().replace("-SNAPSHOT", "");
        assertEquals("registry.gitlab.com/schemagate/schemagate:" + release,
                documents(template).get(0).at("/spec/inputs/image/default").asText());
    }

    /** As GitLab expands them (through gitlab-ci-local), included as components, they are valid GitLab CI. */
    @Test
    void expandedTemplatesAndTheRootPipelineValidateAgainstGitlabsSchema(@TempDir Path temp) throws IOException {
        JsonSchema schema = schema();
        GitlabCiLocal components = GitlabCiLocal.project(temp.resolve("project"));
        String expanded = components.pipeline("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/migrate-lint@$CI_COMMIT_SHA
                    inputs:
                      dir: db/migrations
                      dir-format: flyway
                      dev-services: []
                      fail-on: warning
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/migrate-push@$CI_COMMIT_SHA
                    inputs:
                      dir: db/migrations
                      tag: v1
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/schema-plan@$CI_COMMIT_SHA
                    inputs:
                      dir: db/migrations
                      to: file://db/schema
                      dev-services: []
                """).preview();
        JsonNode pipeline = JSON.valueToTree(new Yaml(new LoaderOptions()).load(expanded));
        assertEquals(Set.of(), validate(schema, pipeline));
        assertEquals("flyway", pipeline.at("/schemagate-migrate-lint/variables/SCHEMAGATE_DIR_FORMAT").asText());
        assertEquals("warning", pipeline.at("/schemagate-migrate-lint/variables/SCHEMAGATE_FAIL_ON").asText());
        assertEquals(0, pipeline.at("/schemagate-migrate-lint/services").size());
        assertEquals("v1", pipeline.at("/schemagate-migrate-push/variables/SCHEMAGATE_TAG").asText());
        assertEquals("file://db/schema", pipeline.at("/schemagate-schema-plan/variables/SCHEMAGATE_TO").asText());
        assertEquals(0, pipeline.at("/schemagate-schema-plan/services").size());
        JsonNode broken = pipeline.deepCopy();
        ((ObjectNode) broken.at("/schemagate-migrate-lint/artifacts")).put("when", "sometimes");
        assertFalse(validate(schema, broken).isEmpty(), "the schema does check jobs");

        String defaults = components.pipeline("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/migrate-lint@$CI_COMMIT_SHA
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/schema-plan@$CI_COMMIT_SHA
                """).preview();
        JsonNode withDefaults = JSON.valueToTree(new Yaml(new LoaderOptions()).load(defaults));
        assertEquals(Set.of(), validate(schema, withDefaults));
        assertEquals("postgres", withDefaults.at("/schemagate-migrate-lint/services/0/alias").asText());
        assertEquals("postgres", withDefaults.at("/schemagate-schema-plan/services/0/alias").asText());
        assertEquals("file://schema.sql", withDefaults.at("/schemagate-schema-plan/variables/SCHEMAGATE_TO").asText());

        Files.createDirectories(components.project.root.resolve("examples"));
        JsonNode root = JSON.valueToTree(new Yaml(new LoaderOptions()).load(
                components.pipeline(Files.readString(ROOT.resolve(".gitlab-ci.yml"))).preview()));
        assertEquals(Set.of(), validate(schema, root));
        assertEquals("examples/migrations", root.at("/component-migrate-lint/variables/SCHEMAGATE_DIR").asText());
        // The components run this commit's image, which commit-image pushed in an earlier stage: never the release
        // named by the templates' default, which does not exist before the release.
        List<String> stages = strings(root.path("stages"));
        for (String job : List.of("component-migrate-lint", "component-migrate-push")) {
            assertEquals(COMMIT_IMAGE, root.at("/" + job + "/image/name").asText(), job);
            assertTrue(stages.indexOf("image") < stages.indexOf(root.at("/" + job + "/stage").asText()), job + " " + stages);
        }
        JsonNode commitImage = root.get("commit-image");
        assertEquals("image", commitImage.path("stage").asText());
        assertEquals(List.of("$CI_PIPELINE_SOURCE == \"merge_request_event\"", "$CI_COMMIT_BRANCH"), rules(commitImage));
        assertEquals(rules(commitImage), rules(root.get("commit-jar")));
        assertEquals(".pre", root.at("/commit-jar/stage").asText());
        assertEquals("mvn -B -ntp package -DskipTests", root.at("/commit-jar/script/0").asText());
        assertEquals("[\"cli/target/schemagate.jar\"]", root.at("/commit-jar/artifacts/paths").toString());
        // The same docker:dind and buildx set-up as the release's image (one hidden job), one platform.
        assertEquals(root.at("/release-image/before_script"), commitImage.path("before_script"));
        assertEquals(root.at("/release-image/services"), commitImage.path("services"));
        assertEquals("linux/amd64", commitImage.at("/variables/PLATFORMS").asText());
        assertEquals("linux/amd64,linux/arm64", root.at("/release-image/variables/PLATFORMS").asText());
        String commitBuild = commitImage.at("/script/0").asText();
        for (String part : List.of("docker buildx build --pull --push --platform \"$PLATFORMS\"", "--file image/Dockerfile",
                "--tag \"" + COMMIT_IMAGE + "\" .")) {
            assertTrue(commitBuild.contains(part), part + " in " + commitBuild);
        }
        // As GitLab merges it (extends resolved): the release jobs run on release tags only.
        for (String job : List.of("release-version", "release-jar", "release-image", "release")) {
            assertEquals(List.of(RELEASE_TAG), rules(root.get(job)), job);
        }
        assertEquals("$RELEASE_VERSION", root.at("/release/release/tag_name").asText());
    }

    /**
     * The root pipeline as written (no gitlab-ci-local needed): valid GitLab CI, and on a release tag v1.2.3 the
     * jobs that publish the image and the release the CI/CD catalog takes the components' version from. Their
     * scripts, .ci/release-check.sh and .ci/release-notes.sh, are run by the github-action module's WorkflowsTest.
     */
    @Test
    void theRootPipelineReleasesTheComponentsOnAVersionTag() throws IOException {
        JsonNode root = JSON.valueToTree(new Yaml(new LoaderOptions()).load(
                Files.readString(ROOT.resolve(".gitlab-ci.yml"))));
        assertEquals(Set.of(), validate(schema(), root));
        assertEquals(List.of(RELEASE_TAG), rules(root.get(".release-tag")));
        for (String job : List.of("release-version", "release-jar", "release-image", "release")) {
            JsonNode extended = root.at("/" + job + "/extends");
            assertTrue(extended.isArray() ? strings(extended).contains(".release-tag") : extended.asText().equals(".release-tag"),
                    job + " runs on release tags only");
        }
        assertEquals(List.of(".release-tag", ".buildx"), strings(root.at("/release-image/extends")));
        assertEquals(List.of(".commit", ".buildx"), strings(root.at("/commit-image/extends")));
        // The components' own jobs never run on a tag: the release's plain 0.1.0 tag starts an empty pipeline.
        root.fields().forEachRemaining(job -> rules(job.getValue()).forEach(rule ->
                assertTrue(rule.equals(RELEASE_TAG) || !rule.contains("CI_COMMIT_TAG"), job.getKey() + ": " + rule)));

        JsonNode version = root.get("release-version");
        assertEquals(List.of("sh .ci/release-check.sh \"$CI_COMMIT_TAG\" >release.env", "cat release.env",
                "sh .ci/release-notes.sh \"${CI_COMMIT_TAG#v}\" >release-notes.md"), strings(version.path("script")));
        assertEquals("release.env", version.at("/artifacts/reports/dotenv").asText());
        assertEquals("[\"release-notes.md\"]", version.at("/artifacts/paths").toString());
        assertEquals(List.of("mvn -B -ntp -pl github-action -am test -Dtest=ReleaseVersionsTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false", "mvn -B -ntp package -DskipTests"),
                strings(root.at("/release-jar/script")), "the versions are checked before the jar is built");
        assertEquals("[\"cli/target/schemagate.jar\"]", root.at("/.jar/artifacts/paths").toString());

        JsonNode image = root.get("release-image");
        assertEquals("[\"docker:27-dind\"]", root.at("/.buildx/services").toString());
        // QEMU's binfmt image runs privileged: before the login, so no registry credential is in docker yet.
        List<String> setUp = strings(root.at("/.buildx/before_script"));
        int binfmt = setUp.stream().filter(line -> line.contains("tonistiigi/binfmt")).findFirst().map(setUp::indexOf)
                .orElseThrow();
        int login = setUp.stream().filter(line -> line.contains("docker login")).findFirst().map(setUp::indexOf)
                .orElseThrow();
        assertTrue(binfmt < login, setUp.toString());
        assertEquals(List.of("release-version", "release-jar"), strings(image.path("needs")));
        List<String> script = strings(image.path("script"));
        String build = script.get(script.size() - 1);
        assertEquals("linux/amd64,linux/arm64", image.at("/variables/PLATFORMS").asText());
        for (String part : List.of("docker buildx build --pull --push --platform \"$PLATFORMS\"",
                "--file image/Dockerfile", "--build-arg \"VERSION=$RELEASE_VERSION\"",
                "--build-arg \"REVISION=$CI_COMMIT_SHA\"", "\"$@\" .")) {
            assertTrue(build.contains(part), part + " in " + build);
        }
        // The exact tag always, the moving major tag only for the highest release (release-check.sh's RELEASE_LATEST).
        assertTrue(script.contains("set -- --tag \"$CI_REGISTRY_IMAGE:$RELEASE_VERSION\""), script.toString());
        assertTrue(script.contains("if [ \"$RELEASE_LATEST\" = true ]; then set -- \"$@\" --tag "
                + "\"$CI_REGISTRY_IMAGE:$RELEASE_MAJOR\"; fi"), script.toString());
        assertEquals("--prune --quiet --tags", version.at("/variables/GIT_FETCH_EXTRA_FLAGS").asText(),
                "every tag, to tell whether this one is the highest");

        JsonNode release = root.get("release");
        assertTrue(release.path("image").asText().startsWith("registry.gitlab.com/gitlab-org/release-cli:"));
        assertEquals("release-version", release.at("/needs/0/job").asText());
        assertTrue(release.at("/needs/0/artifacts").asBoolean(), "the notes and the dotenv variables");
        assertEquals("release-image", release.at("/needs/1/job").asText());
        assertEquals("$RELEASE_VERSION", release.at("/release/tag_name").asText(), "the catalog's version has no v");
        assertEquals("$CI_COMMIT_SHA", release.at("/release/ref").asText());
        assertEquals("release-notes.md", release.at("/release/description").asText());

        ObjectNode broken = root.deepCopy();
        ((ObjectNode) broken.get("release")).putObject("release").put("name", "no tag_name");
        assertFalse(validate(schema(), broken).isEmpty(), "the schema does check the release keyword");
    }

    /**
     * The first release job, run by gitlab-ci-local (shell executor) on a copy of the root pipeline, pom.xml (set to
     * the release) and CHANGELOG.md (dated): on the tag of the pom's version it exports the version and the major tag
     * for the image and release jobs and writes the notes; on another tag it fails saying why.
     */
    @Test
    void theReleaseVersionJobExportsTheVersionOfTheTag(@TempDir Path temp) throws IOException {
        String snapshot = pomVersion();
        String release = snapshot.replace("-SNAPSHOT", "");
        GitlabCiLocal ci = GitlabCiLocal.project(temp.resolve("project"));
        ci.project.write("pom.xml", Files.readString(ROOT.resolve("pom.xml"))
                .replaceFirst("<version>" + Pattern.quote(snapshot) + "</version>", "<version>" + release + "</version>"));
        ci.project.write("CHANGELOG.md", Files.readString(ROOT.resolve("CHANGELOG.md"))
                .replaceFirst("(?m)^## \\[" + Pattern.quote(release) + "\\].*$", "## [" + release + "] - 2027-01-15"));
        for (String file : List.of(".ci/release-check.sh", ".ci/release-notes.sh", "action.yml")) {
            ci.project.write(file, Files.readString(ROOT.resolve(file)));
        }
        ci.pipeline(Files.readString(ROOT.resolve(".gitlab-ci.yml")));

        GitlabCiLocal.Result tagged = ci.run(Map.of(), List.of("--variable", "CI_COMMIT_TAG=v" + release,
                "release-version"), Duration.ofMinutes(1));
        assertEquals(0, tagged.exitCode(), tagged.toString());
        Path artifacts = ci.project.root.resolve(".gitlab-ci-local/artifacts/release-version");
        assertEquals("RELEASE_VERSION=" + release + "\nRELEASE_MAJOR=v" + release.substring(0, release.indexOf('.'))
                        + "\nRELEASE_LATEST=true\n",
                Files.readString(artifacts.resolve(".gitlab-ci-reports/dotenv/release.env")));
        assertTrue(Files.readString(artifacts.resolve("release-notes.md")).startsWith("The first release."),
                "the notes of " + release);

        GitlabCiLocal.Result other = ci.run(Map.of(), List.of("--variable", "CI_COMMIT_TAG=v9" + release,
                "release-version"), Duration.ofMinutes(1));
        assertEquals(1, other.exitCode(), other.toString());
        assertTrue(other.output().contains("tag v9" + release + " does not name pom.xml's version " + release),
                other.toString());
    }

    private static String pomVersion() throws IOException {
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(version.find());
        return version.group(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }

    private static List<String> rules(JsonNode job) {
        List<String> rules = new ArrayList<>();
        job.path("rules").forEach(rule -> rules.add(rule.path("if").asText()));
        return rules;
    }

    private static JsonSchema schema() throws IOException {
        Path file = SharedData.require().resolve("schemas/gitlab-ci.json");
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    private static Set<String> validate(JsonSchema schema, JsonNode document) {
        Set<String> errors = new TreeSet<>();
        for (ValidationMessage message : schema.validate(document)) {
            errors.add(message.getMessage());
        }
        return errors;
    }
}
