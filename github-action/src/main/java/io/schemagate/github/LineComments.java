package io.schemagate.github;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.Fix;
import io.schemagate.core.lint.Severity;
import io.schemagate.core.report.MarkdownEscape;
import io.schemagate.core.report.MarkdownReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which findings become review comments, where they sit, and what they say. Only lines the pull request changed
 * can carry one (GitHub refuses the rest with 422); other findings stay in the summary comment.
 */
public final class LineComments {
    private LineComments() {
    }

    /**
     * A review holding hundreds of comments buries the pull request (and GitHub may refuse it): past this many, the
     * least severe findings stay in the summary comment.
     */
    public static final int MAX_COMMENTS = 50;
    /** GitHub's limit on a comment body is 65,536 characters; a longer suggestion is described instead. */
    static final int MAX_BODY = 60_000;

    /**
     * @param comments    what to post, most severe first
     * @param outsideDiff findings on lines the pull request did not change
     * @param overLimit   findings on changed lines left out past {@link #MAX_COMMENTS}
     */
    public record Plan(List<LineComment> comments, int outsideDiff, int overLimit) {
    }

    /**
     * @param diagnostics  the report's findings
     * @param repoPath     a finding's file as a repository-relative path, empty when it lies outside the repository
     * @param changedFiles the pull request's files by path
     * @param suggestions  whether a fix with an edit becomes a one-click {@code suggestion} block
     * @param docsBaseUrl  where rule docs live
     */
    public static Plan plan(List<Diagnostic> diagnostics, Function<String, Optional<String>> repoPath,
            Map<String, ChangedFile> changedFiles, boolean suggestions, String docsBaseUrl) {
        List<LineComment> comments = new ArrayList<>();
        int outside = 0;
        List<Diagnostic> bySeverity = diagnostics.stream().sorted(Comparator.comparing(Diagnostic::severity)).toList();
        for (Diagnostic d : bySeverity) {
            if (d.severity() == Severity.OFF) {
                continue;
            }
            ChangedFile file = repoPath.apply(d.file()).map(changedFiles::get).orElse(null);
            Optional<LineComment> comment = file == null ? Optional.empty() : place(d, file, suggestions, docsBaseUrl);
            if (comment.isPresent()) {
                comments.add(comment.get());
            } else {
                outside++;
            }
        }
        int over = Math.max(0, comments.size() - MAX_COMMENTS);
        return new Plan(comments.subList(0, comments.size() - over), outside, over);
    }

    /** A suggestion spans the lines its edit replaces; without one the comment sits on the finding's line. */
    private static Optional<LineComment> place(Diagnostic d, ChangedFile file, boolean suggestions, String docsBaseUrl) {
        if (suggestions) {
            for (Fix fix : d.fixes()) {
                Fix.TextEdit edit = fix.edit();
                if (edit != null) {
                    int last = Math.max(edit.line(), edit.endLine());
                    String body = body(d, fix, docsBaseUrl);
                    if (file.changed(edit.line(), last) && body.length() <= MAX_BODY) {
                        return Optional.of(new LineComment(file.path(), last > edit.line() ? edit.line() : 0, last,
                                d.code(), body));
                    }
                }
            }
        }
        int line = d.position().line();
        return file.changed(line)
                ? Optional.of(new LineComment(file.path(), 0, line, d.code(), body(d, null, docsBaseUrl)))
                : Optional.empty();
    }

    /** The finding's headline and fixes; {@code suggested}'s edit becomes the suggestion block. */
    private static String body(Diagnostic d, Fix suggested, String docsBaseUrl) {
        StringBuilder out = new StringBuilder(LineComment.tag(d.code())).append('\n')
                .append(MarkdownReport.headline(d, docsBaseUrl)).append("\n\n");
        for (Fix fix : d.fixes()) {
            out.append("Fix: ").append(MarkdownEscape.inline(fix.message())).append("\n\n");
            if (fix == suggested) {
                out.append(suggestion(fix.edit().newText())).append('\n');
            }
        }
        return out.toString();
    }

    /** The replacement lines; an empty block deletes them (a fence around one empty line would leave one). */
    private static String suggestion(String newText) {
        return newText.isEmpty() ? "```suggestion\n```\n" : MarkdownEscape.fence(newText, "suggestion");
    }
}
