package io.schemagate.gitlab;

import java.util.Map;
import java.util.Optional;

/**
 * The merge request a GitLab CI job runs for, as its predefined variables tell.
 *
 * <p>Only where the merge request lives comes from the environment; the commits its diff compares (base, start and
 * head SHA) come from the merge request's {@code diff_refs} through the API. {@code CI_COMMIT_SHA} is never used for
 * them: in a merged-results pipeline it is a temporary merge commit that diff threads cannot be attached to.
 *
 * @param serverUrl the GitLab instance ({@code CI_SERVER_URL}), without a trailing slash
 * @param projectId the merge request's project: {@code CI_MERGE_REQUEST_PROJECT_ID}, else {@code CI_PROJECT_ID}
 * @param iid       the merge request's number in its project ({@code CI_MERGE_REQUEST_IID})
 */
public record MergeRequestContext(String serverUrl, String projectId, long iid) {

    /** The merge request of this job, or empty when the job does not build one (a branch pipeline, not GitLab). */
    public static Optional<MergeRequestContext> fromEnvironment(Map<String, String> env) {
        String server = value(env, "CI_SERVER_URL");
        String project = Optional.ofNullable(value(env, "CI_MERGE_REQUEST_PROJECT_ID"))
                .orElse(value(env, "CI_PROJECT_ID"));
        String iid = value(env, "CI_MERGE_REQUEST_IID");
        String source = value(env, "CI_PIPELINE_SOURCE");
        // Merge-request pipelines say so; an external pull request or a push pipeline has no merge request to note.
        if (server == null || project == null || iid == null || !iid.matches("[0-9]{1,18}")
                || (source != null && !source.equals("merge_request_event"))) {
            return Optional.empty();
        }
        return Optional.of(new MergeRequestContext(stripSlash(server), project, Long.parseLong(iid)));
    }

    /** How the job log names it: {@code merge request !7}. */
    public String display() {
        return "merge request !" + iid;
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
