package io.schemagate.github;

import java.util.List;

/**
 * What publishing to a pull request achieved.
 *
 * @param commentUrl    the summary comment's web address, or {@code null} when it could not be posted
 * @param posted        line comments posted now
 * @param alreadyPosted line comments an earlier run had posted for the same finding and line
 * @param outsideDiff   findings on lines the pull request did not change (in the summary only)
 * @param overLimit     findings on changed lines past {@link io.schemagate.core.review.DiffPlacement#MAX_COMMENTS} (in the summary only)
 * @param warnings      what could not be posted and why, one line each
 */
public record Publication(String commentUrl, int posted, int alreadyPosted, int outsideDiff, int overLimit,
        List<String> warnings) {
    public Publication {
        warnings = List.copyOf(warnings);
    }
}
