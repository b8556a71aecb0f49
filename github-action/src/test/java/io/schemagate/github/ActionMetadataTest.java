package io.schemagate.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.schemagate.core.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** {@code action.yml} and the README's example workflow, against SchemaStore's schemas in {@code ../shared/schemas}. */
class ActionMetadataTest {
    private static final Path ROOT = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize();
    private static final String WORKFLOW_MARKER = "<!-- example workflow: .github/workflows/migrations.yml -->";

    @Test
    void actionYmlIsAValidContainerAction() throws Exception {
        JsonNode action = yaml(Files.readString(ROOT.resolve("action.yml")));
        assertEquals(Set.of(), validate("github-action.json", action));
        assertEquals("docker", action.path("runs").path("using").asText());
        assertTrue(action.path("runs").path("image").asText().startsWith("docker://ghcr.io/"), action.toString());
        // The image's own entrypoint runs the CLI as given (docker run …, GitLab, Jenkins); the action's maps inputs.
        assertEquals("/usr/local/bin/schemagate-action", action.path("runs").path("entrypoint").asText());
        action.path("inputs").fields().forEachRemaining(input -> {
            assertTrue(input.getValue().has("description"), input.getKey());
            assertTrue(input.getValue().has("default"), input.getKey() + " has no default");
        });
        assertEquals(new TreeSet<>(List.of("command", "dir", "dir-format", "dev-url", "git-base", "latest", "config",
                "fail-on", "github-token", "comment", "suggestions", "base-cache", "to", "tag", "working-directory")), names(action.path("inputs")));
        assertEquals(new TreeSet<>(List.of("errors", "warnings", "report", "comment-url", "ref", "digest")),
                names(action.path("outputs")));
    }

    @Test
    void theReadmeWorkflowIsValid() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int marker = readme.indexOf(WORKFLOW_MARKER);
        assertTrue(marker >= 0, "README.md lost its example workflow marker");
        int start = readme.indexOf("```yaml\n", marker) + "```yaml\n".length();
        JsonNode workflow = yaml(readme.substring(start, readme.indexOf("```\n", start)));
        assertEquals(Set.of(), validate("github-workflow.json", workflow));
        assertEquals("write", workflow.path("permissions").path("pull-requests").asText());
        assertEquals("read", workflow.path("permissions").path("contents").asText());
        assertTrue(workflow.path("on").has("pull_request") && workflow.path("on").has("push"), workflow.toString());
    }

    @Test
    void theSchemasRejectTheirInvalidSamples() throws Exception {
        // Without this, a validator that accepts everything would make the two tests above pass.
        Path samples = SharedData.require().resolve("schemas/samples");
        try (Stream<Path> invalid = Files.list(samples.resolve("github-workflow/invalid"))) {
            for (Path sample : invalid.toList()) {
                assertFalse(validate("github-workflow.json", yaml(Files.readString(sample))).isEmpty(), sample.toString());
            }
        }
        assertFalse(validate("github-action.json", new ObjectMapper().readTree(
                samples.resolve("github-action/invalid/missing_items_in_run.json").toFile())).isEmpty());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The messages of SchemaStore's {@code schemaFile} in ../shared about {@code document}; skips without ../shared. */
    static Set<String> validate(String schemaFile, JsonNode document) throws IOException {
        Path schema = SharedData.require().resolve("schemas").resolve(schemaFile);
        try (InputStream in = Files.newInputStream(schema)) {
            JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            Set<String> errors = new TreeSet<>();
            for (ValidationMessage message : compiled.validate(document)) {
                errors.add(message.getMessage());
            }
            return errors;
        }
    }

    /**
     * YAML as GitHub reads it. Keys stay strings: a YAML 1.1 reader would turn the {@code on:} key into
     * {@code true}; only {@code true}/{@code false} are booleans, as in YAML 1.2.
     */
    static JsonNode yaml(String text) {
        return json(new Yaml().compose(new StringReader(text)));
    }

    private static JsonNode json(Node node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode mapping) {
            ObjectNode object = f.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                object.set(((ScalarNode) tuple.getKeyNode()).getValue(), json(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            return f.arrayNode().addAll(sequence.getValue().stream().map(ActionMetadataTest::json).toList());
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        if (Tag.INT.equals(scalar.getTag())) {
            return f.numberNode(Long.parseLong(value));
        }
        if (Tag.NULL.equals(scalar.getTag())) {
            return f.nullNode();
        }
        if (Tag.BOOL.equals(scalar.getTag()) && value.matches("true|True|TRUE|false|False|FALSE")) {
            return f.booleanNode(value.equalsIgnoreCase("true"));
        }
        return f.textNode(value);
    }
}
