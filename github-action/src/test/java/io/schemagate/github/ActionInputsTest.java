package io.schemagate.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionInputsTest {

    @Test
    void inputsArriveUpperCasedWithHyphensKept() {
        ActionInputs inputs = new ActionInputs(Map.of("INPUT_DEV-URL", " postgres://db/x ", "INPUT_LATEST", "",
                "INPUT_COMMENT", "False"));
        assertEquals("postgres://db/x", inputs.get("dev-url"));
        assertNull(inputs.get("latest"));
        assertEquals("migrations", inputs.get("dir", "migrations"));
        assertFalse(inputs.flag("comment", true));
        assertTrue(inputs.flag("suggestions", true));
    }

    @Test
    void aFlagThatIsNotABooleanIsRefusedByName() {
        ActionInputs inputs = new ActionInputs(Map.of("INPUT_SUGGESTIONS", "yes"));
        GithubException e = assertThrows(GithubException.class, () -> inputs.flag("suggestions", true));
        assertEquals("input suggestions: expected true or false, got \"yes\"", e.getMessage());
    }

    @Test
    void thePullRequestComesFromTheEventPayloadNotGithubSha(@TempDir Path dir) throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, """
                {"action":"synchronize","number":7,
                 "pull_request":{"number":7,"head":{"sha":"%s","ref":"feature"},"base":{"sha":"%s","ref":"main"}}}
                """.formatted("a".repeat(40), "b".repeat(40)));
        PullRequestContext pr = PullRequestContext.fromEnvironment(Map.of("GITHUB_EVENT_PATH", event.toString(),
                "GITHUB_REPOSITORY", "acme/shop", "GITHUB_SHA", "c".repeat(40),
                "GITHUB_API_URL", "https://ghe.example.com/api/v3/")).orElseThrow();
        assertEquals(new PullRequestContext("https://ghe.example.com/api/v3", "acme/shop", 7, "b".repeat(40),
                "a".repeat(40), "main"), pr);
    }

    @Test
    void aPushHasNoPullRequestAndAMissingPayloadIsNamed(@TempDir Path dir) throws Exception {
        Path push = dir.resolve("push.json");
        Files.writeString(push, "{\"ref\":\"refs/heads/main\",\"after\":\"" + "d".repeat(40) + "\"}");
        assertTrue(PullRequestContext.fromEnvironment(Map.of("GITHUB_EVENT_PATH", push.toString(),
                "GITHUB_REPOSITORY", "acme/shop")).isEmpty());
        assertTrue(PullRequestContext.fromEnvironment(Map.of()).isEmpty());
        GithubException e = assertThrows(GithubException.class, () -> PullRequestContext.fromEnvironment(Map.of(
                "GITHUB_EVENT_PATH", dir.resolve("gone.json").toString(), "GITHUB_REPOSITORY", "acme/shop")));
        assertTrue(e.getMessage().startsWith("GITHUB_EVENT_PATH " + dir.resolve("gone.json")), e.getMessage());
    }

    @Test
    void outputsUseARandomDelimiterSoValuesCannotInjectOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        ActionOutputs outputs = ActionOutputs.fromEnvironment(Map.of("GITHUB_OUTPUT", file.toString())).orElseThrow();
        outputs.set("report", "a\nerrors=0");
        outputs.set("errors", "2");
        String[] lines = Files.readString(file).split("\n");
        assertEquals(7, lines.length);
        assertTrue(lines[0].startsWith("report<<schemagate_"));
        String delimiter = lines[0].substring("report<<".length());
        assertEquals(delimiter, lines[3]);
        assertEquals("errors=0", lines[2]);
        assertTrue(lines[4].startsWith("errors<<schemagate_"));
        assertFalse(lines[4].endsWith(delimiter));
    }
}
