package io.schemagate.gitlab;

import org.gitlab4j.api.GitLabApiException;

/**
 * Turns a failed GitLab API call into one warning line that says what was not posted and what would fix it. The
 * token never appears: GitLab4J's messages carry the response body, not the request headers.
 */
final class GitlabFailure {
    private GitlabFailure() {
    }

    /** @param what what could not be done, e.g. "could not post the summary note" */
    static String describe(String what, GitLabApiException e) {
        int status = e.getHttpStatus();
        if (status <= 0) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.SocketTimeoutException
                        || cause instanceof java.net.http.HttpTimeoutException
                        || cause.getClass().getSimpleName().contains("Timeout")) {
                    return what + ": GitLab did not answer in time (" + oneLine(String.valueOf(cause.getMessage()))
                            + "; --network-timeout sets the limit)";
                }
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return what + ": cannot reach the GitLab API (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + oneLine(root.getMessage())) + ")";
        }
        String message = e.getMessage() == null ? "" : oneLine(e.getMessage());
        String answer = " (" + status + (message.isEmpty() ? "" : " " + message) + ")";
        return switch (status) {
            case 401 -> what + ": GitLab rejected the token" + answer + "; give the job " + TokenAdvice.NEEDED;
            case 403 -> what + ": the token may not do this" + answer + "; give the job " + TokenAdvice.NEEDED;
            case 404 -> what + ": not found" + answer + "; the token needs read access to this project's merge"
                    + " requests";
            case 429 -> what + ": GitLab's rate limit is exhausted" + answer + "; re-run the job later";
            default -> what + ": GitLab answered" + answer;
        };
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
