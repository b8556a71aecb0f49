package io.schemagate.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pull request of a Jenkins multibranch build, from CHANGE_URL. */
class PullRequestContextTest {

    private static Map<String, String> jenkins(String changeUrl, String changeId) {
        Map<String, String> env = new HashMap<>();
        env.put("JENKINS_URL", "https://ci.example.com/");
        env.put("CHANGE_URL", changeUrl);
        env.put("CHANGE_ID", changeId);
        env.put("CHANGE_TARGET", "main");
        return env;
    }

    @Test
    void githubDotComUsesThePublicApi() {
        PullRequestContext pr = PullRequestContext.fromEnvironment(jenkins("https://github.com/acme/shop/pull/12", "12"))
                .orElseThrow();
        assertEquals(new PullRequestContext("https://api.github.com", "acme/shop", 12, "", "", "main"), pr);
    }

    @Test
    void githubEnterpriseUsesApiV3OnItsHostUnlessConfigured() {
        assertEquals("https://ghe.example.com:8443/api/v3", PullRequestContext.fromEnvironment(
                jenkins("https://ghe.example.com:8443/acme/shop.api/pull/3/", "3")).orElseThrow().apiUrl());
        Map<String, String> env = jenkins("https://ghe.example.com/acme/shop/pull/3", "3");
        env.put("SCHEMAGATE_GITHUB_API_URL", "https://api.ghe.example.com/");
        assertEquals("https://api.ghe.example.com", PullRequestContext.fromEnvironment(env).orElseThrow().apiUrl());
    }

    @Test
    void otherChangesAreNotGithubPullRequests() {
        assertEquals(Optional.empty(), PullRequestContext.fromEnvironment(
                jenkins("https://gitlab.example.com/acme/shop/-/merge_requests/3", "3")));
        assertEquals(Optional.empty(), PullRequestContext.fromEnvironment(
                jenkins("https://github.com/acme/shop/pull/3", "4")), "CHANGE_ID must be the URL's number");
        Map<String, String> notJenkins = jenkins("https://github.com/acme/shop/pull/3", "3");
        notJenkins.remove("JENKINS_URL");
        assertTrue(PullRequestContext.fromEnvironment(notJenkins).isEmpty());
    }
}
