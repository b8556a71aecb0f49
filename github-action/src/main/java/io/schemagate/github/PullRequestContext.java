package io.schemagate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The pull request a GitHub Actions job runs for, as its environment tells.
 *
 * <p>The head SHA comes from the event payload, never from {@code GITHUB_SHA}: on {@code pull_request} that is the
 * test merge commit, which review comments cannot be attached to.
 *
 * @param apiUrl     REST API root ({@code GITHUB_API_URL}; GitHub Enterprise Server has its own)
 * @param repository {@code owner/name}
 * @param number     pull request number
 * @param baseSha    the base commit the pull request is compared with
 * @param headSha    the pull request's head commit
 * @param baseRef    the target branch, e.g. {@code main}
 */
public record PullRequestContext(String apiUrl, String repository, int number, String baseSha, String headSha,
        String baseRef) {
    public static final String PUBLIC_API_URL = "https://api.github.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The pull request of this job, or empty when the job does not build one (a push, a schedule, not GitHub).
     *
     * @throws GithubException when the environment names an event file that cannot be read
     */
    public static Optional<PullRequestContext> fromEnvironment(Map<String, String> env) {
        String eventPath = value(env, "GITHUB_EVENT_PATH");
        String repository = value(env, "GITHUB_REPOSITORY");
        if (eventPath == null || repository == null) {
            return Optional.empty();
        }
        JsonNode event;
        try {
            event = JSON.readTree(Files.readAllBytes(Path.of(eventPath)));
        } catch (IOException e) {
            throw new GithubException("GITHUB_EVENT_PATH " + eventPath + ": cannot read the event payload ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        JsonNode pr = event == null ? null : event.get("pull_request");
        if (pr == null || !pr.path("number").canConvertToInt()) {
            return Optional.empty();
        }
        String apiUrl = value(env, "GITHUB_API_URL");
        return Optional.of(new PullRequestContext(
                apiUrl == null ? PUBLIC_API_URL : stripSlash(apiUrl),
                repository,
                pr.get("number").asInt(),
                pr.path("base").path("sha").asText(""),
                pr.path("head").path("sha").asText(""),
                pr.path("base").path("ref").asText("")));
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
