package io.schemagate.gitlab;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gitlab4j.api.GitLabApiException;

/**
 * Turns a failed GitLab API call into one warning line that says what was not posted and what would fix it. The
 * token never appears: GitLab4J's messages carry the response body, not the request headers.
 *
 * <p>GitLab4J reads the JSON error body for us: {@code message} as a string (GitLab's own {@code "403 Forbidden"}, whose
 * status we do not repeat), as an object of arrays (validation errors, kept here as {@code field: error, …}), or else
 * {@code error} alone. It drops {@code error_description}, so the OAuth-style codes GitLab answers for a token it
 * will not take ({@code invalid_token}: expired, revoked or unknown; {@code insufficient_scope}: not {@code api}) are
 * explained here.
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
        String message = message(e, status);
        String answer = " (" + status + (message.isEmpty() ? "" : " " + message) + ")";
        return switch (status) {
            case 401 -> what + ": GitLab rejected the token" + answer + "; give the job " + TokenAdvice.NEEDED;
            case 403 -> what + ": the token may not do this" + answer + "; give the job " + TokenAdvice.NEEDED;
            case 404 -> what + ": not found" + answer + "; the token needs read access to this project's merge"
                    + " requests";
            case 429 -> what + ": GitLab's rate limit is exhausted" + answer + "; re-run the job later";
            case 301, 302, 303, 307, 308 -> what + ": redirected" + answer + ", and the token is not sent on to"
                    + " another address; CI_SERVER_URL must be the GitLab instance's own URL";
            default -> what + ": GitLab answered" + answer;
        };
    }

    /**
     * An answer GitLab4J could not read (a 200 that is not the API's JSON: a sign-in page, a proxy's page).
     *
     * @param what what could not be done
     */
    static String unexpected(String what, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? "" : ": " + oneLine(root.getMessage().lines().findFirst().orElse(""));
        return what + ": the answer is not GitLab's API (" + root.getClass().getSimpleName() + oneLine(detail)
                + "); CI_SERVER_URL must be the GitLab instance itself, reachable without a sign-in page";
    }

    /** What GitLab said, on one line, without repeating the status GitLab's messages start with. */
    private static String message(GitLabApiException e, int status) {
        Map<String, List<String>> invalid = e.getValidationErrors();
        String text;
        if (invalid != null && !invalid.isEmpty()) {
            text = invalid.entrySet().stream()
                    .map(field -> field.getKey() + ": " + String.join(", ", field.getValue()))
                    .collect(Collectors.joining("; "));
        } else {
            text = e.getMessage() == null ? "" : oneLine(e.getMessage());
        }
        text = text.replaceFirst("^" + status + "\\b *:? *", "");
        return switch (text) {
            case "invalid_token" -> "invalid_token: expired, revoked or unknown";
            case "insufficient_scope" -> "insufficient_scope: the token has no api scope";
            default -> text.startsWith("<") && e.getReason() != null ? e.getReason() : oneLine(text); // an HTML page
        };
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
