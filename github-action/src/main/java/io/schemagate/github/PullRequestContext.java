package io.schemagate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull request a GitHub Actions job, or a Jenkins multibranch build of a GitHub pull request, runs for, as its
 * environment tells.
 *
 * <p>The head SHA comes from the event payload, never from {@code GITHUB_SHA}: on {@code pull_request} that is the
 * test merge commit, which review comments cannot be attached to.
 *
 * @param apiUrl     REST API root ({@code GITHUB_API_URL}; GitHub Enterprise Server has its own)
 * @param repository {@code owner/name}
 * @param number     pull request number
 * @param baseSha    the base commit the pull request is compared with; empty when the environment does not say
 * @param headSha    the pull request's head commit; empty when the environment does not say (Jenkins): the API's then
 * @param baseRef    the target branch, e.g. {@code main}
 */
public record PullRequestContext(String apiUrl, String repository, int number, String baseSha, String headSha,
        String baseRef) {
    public static final String PUBLIC_API_URL = "https://api.github.com";
    /** {@code SCHEME://HOST[:PORT]/OWNER/REPO/pull/N}. */
    private static final Pattern JENKINS_CHANGE =
            Pattern.compile("(https?://[^/]+)/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/pull/([0-9]{1,9})/?");

    /**
     * The pull request of this job, or empty when the job does not build one (a push, a schedule, not GitHub).
     *
     * @throws GithubException when the environment names an event file that cannot be read
     */
    public static Optional<PullRequestContext> fromEnvironment(Map<String, String> env) {
        String eventPath = value(env, "GITHUB_EVENT_PATH");
        String repository = value(env, "GITHUB_REPOSITORY");
        if (eventPath == null || repository == null) {
            return fromJenkins(env);
        }
        JsonNode event;
        try {
            // A mapper of its own, made only here: every lint asks for the pull request, and a static one would
            // load Jackson's databind (some 350 classes) into runs outside GitHub too.
            event = new ObjectMapper().readTree(Files.readAllBytes(Path.of(eventPath)));
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

    /**
     * The pull request a Jenkins multibranch build runs for ({@code JENKINS_URL}, {@code CHANGE_ID}, {@code CHANGE_URL}
     * {@code https://HOST/OWNER/REPO/pull/N}, {@code CHANGE_TARGET}). The API is {@code https://api.github.com} for
     * github.com and {@code https://HOST/api/v3} for GitHub Enterprise Server, unless {@code SCHEMAGATE_GITHUB_API_URL}
     * says otherwise. The head commit is left to the API (Jenkins's own commit may be a merge with the target).
     */
    static Optional<PullRequestContext> fromJenkins(Map<String, String> env) {
        String changeUrl = value(env, "CHANGE_URL");
        String changeId = value(env, "CHANGE_ID");
        if (value(env, "JENKINS_URL") == null || changeUrl == null || changeId == null) {
            return Optional.empty();
        }
        Matcher m = JENKINS_CHANGE.matcher(changeUrl);
        if (!m.matches() || !m.group(4).equals(changeId)) {
            return Optional.empty(); // another platform's change, or a URL that does not name this pull request
        }
        String apiUrl = value(env, "SCHEMAGATE_GITHUB_API_URL");
        if (apiUrl == null) {
            apiUrl = m.group(1).equalsIgnoreCase("https://github.com") ? PUBLIC_API_URL : m.group(1) + "/api/v3";
        }
        String target = value(env, "CHANGE_TARGET");
        return Optional.of(new PullRequestContext(stripSlash(apiUrl), m.group(2) + "/" + m.group(3),
                Integer.parseInt(changeId), "", "", target == null ? "" : target));
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
