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
import java.util.ArrayList;
import java.util.List;
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

    /** The default image is the release these templates ship with: the project's version. */
    @ParameterizedTest
    @ValueSource(strings = {"migrate-lint.yml", "migrate-push.yml", "schema-plan.yml"})
    void theDefaultImageIsPinnedToTheProjectsVersion(String template) throws IOException {
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(version.find());
        String release = version.group(1).replace("-SNAPSHOT", "");
        assertEquals("ghcr.io/schemagate/schemagate-action:" + release,
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
