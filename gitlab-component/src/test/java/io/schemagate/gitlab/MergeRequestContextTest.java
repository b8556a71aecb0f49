package io.schemagate.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MergeRequestContextTest {
    private static Map<String, String> mergeRequestPipeline() {
        Map<String, String> env = new HashMap<>();
        env.put("GITLAB_CI", "true");
        env.put("CI_SERVER_URL", "https://gitlab.example.com/");
        env.put("CI_PROJECT_ID", "42");
        env.put("CI_PIPELINE_SOURCE", "merge_request_event");
        env.put("CI_MERGE_REQUEST_IID", "7");
        env.put("CI_COMMIT_SHA", "f".repeat(40)); // a merged-results commit: never part of the context
        return env;
    }

    @Test
    void aMergeRequestPipelineNamesServerProjectAndMergeRequest() {
        assertEquals(Optional.of(new MergeRequestContext("https://gitlab.example.com", "42", 7)),
                MergeRequestContext.fromEnvironment(mergeRequestPipeline()));
    }

    @Test
    void theMergeRequestsOwnProjectWinsOverThePipelines() {
        Map<String, String> env = mergeRequestPipeline();
        env.put("CI_MERGE_REQUEST_PROJECT_ID", "40");
        assertEquals("40", MergeRequestContext.fromEnvironment(env).orElseThrow().projectId());
    }

    @Test
    void branchPipelinesAndBadNumbersHaveNoMergeRequest() {
        Map<String, String> push = mergeRequestPipeline();
        push.put("CI_PIPELINE_SOURCE", "push");
        assertEquals(Optional.empty(), MergeRequestContext.fromEnvironment(push));
        Map<String, String> noIid = mergeRequestPipeline();
        noIid.remove("CI_MERGE_REQUEST_IID");
        assertEquals(Optional.empty(), MergeRequestContext.fromEnvironment(noIid));
        Map<String, String> bad = mergeRequestPipeline();
        bad.put("CI_MERGE_REQUEST_IID", "7; rm -rf /");
        assertEquals(Optional.empty(), MergeRequestContext.fromEnvironment(bad));
        assertEquals(Optional.empty(), MergeRequestContext.fromEnvironment(Map.of()));
    }

    private static Map<String, String> jenkins(String changeUrl, String changeId) {
        Map<String, String> env = new HashMap<>();
        env.put("JENKINS_URL", "https://ci.example.com/");
        env.put("CHANGE_URL", changeUrl);
        env.put("CHANGE_ID", changeId);
        return env;
    }

    @Test
    void aJenkinsBuildOfAMergeRequestNamesItsProjectByPath() {
        assertEquals(Optional.of(new MergeRequestContext("https://gitlab.example.com", "acme/platform/shop", 9)),
                MergeRequestContext.fromEnvironment(jenkins("https://gitlab.example.com/acme/platform/shop/-/merge_requests/9",
                        "9")));
    }

    @Test
    void anInstanceUnderAPathIsConfigured() {
        Map<String, String> env = jenkins("https://example.com/gitlab/acme/shop/-/merge_requests/2", "2");
        env.put("SCHEMAGATE_GITLAB_URL", "https://example.com/gitlab/");
        assertEquals(Optional.of(new MergeRequestContext("https://example.com/gitlab", "acme/shop", 2)),
                MergeRequestContext.fromEnvironment(env));
        env.put("SCHEMAGATE_GITLAB_URL", "https://elsewhere.example.com");
        assertEquals(Optional.empty(), MergeRequestContext.fromEnvironment(env));
    }

    @Test
    void otherJenkinsChangesAreNotMergeRequests() {
        assertEquals(Optional.empty(), MergeRequestContext.fromEnvironment(jenkins("https://github.com/acme/shop/pull/2", "2")));
        assertEquals(Optional.empty(), MergeRequestContext.fromEnvironment(
                jenkins("https://gitlab.example.com/acme/shop/-/merge_requests/2", "3")));
    }
}
