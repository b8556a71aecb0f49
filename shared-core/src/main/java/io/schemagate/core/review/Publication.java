package io.schemagate.core.review;

import java.util.List;

/**
 * What publishing a report to a pull or merge request achieved.
 *
 * @param summaryUrl    the summary comment's (note's) web address, or {@code null} when there is none
 * @param posted        line comments posted now
 * @param alreadyPosted line comments an earlier run had posted for the same finding and line
 * @param outsideDiff   findings on lines the request did not change (in the summary only)
 * @param overLimit     findings on changed lines past {@link DiffPlacement#MAX_COMMENTS} (in the summary only)
 * @param resolved      earlier line comments whose finding is gone, resolved (or answered) now
 * @param warnings      what could not be posted and why, one line each
 */
public record Publication(String summaryUrl, int posted, int alreadyPosted, int outsideDiff, int overLimit,
        int resolved, List<String> warnings) {
    public Publication {
        warnings = List.copyOf(warnings);
    }

    /** Nothing was published: only warnings. */
    public static Publication failed(List<String> warnings) {
        return new Publication(null, 0, 0, 0, 0, 0, warnings);
    }

    /** One line for the job log when only a summary is posted, e.g. {@code pull request #7: plan comment URL}. */
    public String describeSummary(String request, String summaryName) {
        return request + ": " + (summaryUrl == null ? "no " + summaryName : summaryName + " " + summaryUrl);
    }

    /** One line for the job log, e.g. {@code pull request #7: summary comment URL; line comments: 2 posted, …}. */
    public String describe(String request, String summaryName) {
        return request + ": " + (summaryUrl == null ? "no " + summaryName : summaryName + " " + summaryUrl)
                + "; line comments: " + posted + " posted, " + alreadyPosted + " already there, " + outsideDiff
                + " outside the diff"
                + (overLimit == 0 ? "" : ", " + overLimit + " over the limit of " + DiffPlacement.MAX_COMMENTS
                        + " (in the summary)")
                + (resolved == 0 ? "" : ", " + resolved + " resolved (finding gone)");
    }
}
