package io.schemagate.gitlab;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merge request a GitLab CI job, or a Jenkins multibranch build of a GitLab merge request, runs for, as its
 * environment tells.
 *
 * <p>Only where the merge request lives comes from the environment; the commits its diff compares (base, start and
 * head SHA) come from the merge request's {@code diff_refs} through the API. {@code CI_COMMIT_SHA} is never used for
 * them: in a merged-results pipeline it is a temporary merge commit that diff threads cannot be attached to.
 *
 * @param serverUrl the GitLab instance ({@code CI_SERVER_URL}), without a trailing slash
 * @param projectId the merge request's project: {@code CI_MERGE_REQUEST_PROJECT_ID}, else {@code CI_PROJECT_ID}; on
 *                  Jenkins its path, e.g. {@code acme/shop}
 * @param iid       the merge request's number in its project ({@code CI_MERGE_REQUEST_IID})
 */
public record MergeRequestContext(String serverUrl, String projectId, long iid) {
    /** {@code SCHEME://HOST[:PORT]/PATH/-/merge_requests/N}. */
    private static final Pattern JENKINS_CHANGE =
            Pattern.compile("(https?://[^/]+)/([A-Za-z0-9_.][A-Za-z0-9_./-]*?)/-/merge_requests/([0-9]{1,18})/?");

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
            return fromJenkins(env);
        }
        return Optional.of(new MergeRequestContext(stripSlash(server), project, Long.parseLong(iid)));
    }

    /**
     * The merge request a Jenkins multibranch build runs for ({@code JENKINS_URL}, {@code CHANGE_ID}, {@code CHANGE_URL}
     * {@code https://HOST/GROUP/PROJECT/-/merge_requests/N}): the server is {@code https://HOST}, or
     * {@code SCHEMAGATE_GITLAB_URL} for an instance under a path (then the project is what follows it); the project
     * goes to the API by its path.
     */
    static Optional<MergeRequestContext> fromJenkins(Map<String, String> env) {
        String changeUrl = value(env, "CHANGE_URL");
        String changeId = value(env, "CHANGE_ID");
        if (value(env, "JENKINS_URL") == null || changeUrl == null || changeId == null) {
            return Optional.empty();
        }
        Matcher m = JENKINS_CHANGE.matcher(changeUrl);
        if (!m.matches() || !m.group(3).equals(changeId)) {
            return Optional.empty();
        }
        String server = m.group(1);
        String project = m.group(2);
        String configured = value(env, "SCHEMAGATE_GITLAB_URL");
        if (configured != null) {
            String base = stripSlash(configured);
            String whole = m.group(1) + "/" + m.group(2);
            if (!whole.startsWith(base + "/")) {
                return Optional.empty(); // the change lives on another server
            }
            server = base;
            project = whole.substring(base.length() + 1);
        }
        return Optional.of(new MergeRequestContext(server, project, Long.parseLong(changeId)));
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
