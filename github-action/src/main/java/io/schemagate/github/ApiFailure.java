package io.schemagate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import org.kohsuke.github.HttpException;

/**
 * Turns a failed GitHub API call into one warning line that says what was not posted and what would fix it. The
 * token never appears: hub4j's messages carry the URL and the response body, not the request headers.
 */
final class ApiFailure {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiFailure() {
    }

    /** @param what what could not be done, e.g. "could not post the summary comment" */
    static String describe(String what, IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException timeout) { // hub4j wraps it in an HttpException
                return what + ": GitHub did not answer in time (" + oneLine(String.valueOf(timeout.getMessage()))
                        + "; --network-timeout sets the limit)";
            }
        }
        if (!(e instanceof HttpException http) || http.getResponseCode() <= 0) {
            return what + ": cannot reach the GitHub API (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())) + ")";
        }
        int status = http.getResponseCode();
        String message = message(http);
        String lower = message.toLowerCase(Locale.ROOT);
        String answer = " (" + status + (message.isEmpty() ? "" : " " + message) + ")";
        if ((status == 403 || status == 429) && (lower.contains("rate limit") || lower.contains("abuse"))) {
            return what + ": the GitHub API rate limit is exhausted" + answer + "; re-run the job later";
        }
        if (status == 403) {
            return what + ": the token may not write to this pull request" + answer
                    + "; give the job `permissions: pull-requests: write` (pull requests from forks get a read-only"
                    + " token)";
        }
        if (status == 401) {
            return what + ": GitHub rejected the token" + answer + "; pass a valid github-token";
        }
        if (status == 404) {
            return what + ": not found" + answer + "; the token needs `contents: read` and `pull-requests: read`"
                    + " on this repository";
        }
        return what + ": GitHub answered" + answer;
    }

    /** The {@code message} of GitHub's JSON error body, else the body or status text itself, on one line. */
    private static String message(HttpException e) {
        String body = e.getMessage();
        if (body != null && body.strip().startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(body);
                String message = json.path("message").asText("");
                JsonNode errors = json.path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    JsonNode first = errors.get(0);
                    message += ": " + (first.isTextual() ? first.asText() : first.path("message").asText(first.toString()));
                }
                return oneLine(message);
            } catch (IOException ignored) {
                // not JSON after all: fall through to the raw text
            }
        }
        String text = body != null && !body.isBlank() ? body : e.getResponseMessage();
        return text == null ? "" : oneLine(text);
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
