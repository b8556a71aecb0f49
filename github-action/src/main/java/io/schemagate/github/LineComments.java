package io.schemagate.github;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.Fix;
import io.schemagate.core.report.MarkdownEscape;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.review.DiffPlacement;

/** The GitHub review comment for a finding placed on the diff: its headline, fixes and a {@code suggestion} block. */
final class LineComments {
    /** GitHub's limit on a comment body is 65,536 characters; a longer suggestion is described instead. */
    static final int MAX_BODY = 60_000;

    private LineComments() {
    }

    static LineComment of(DiffPlacement.Placed placed, String docsBaseUrl) {
        String body = body(placed.finding(), placed.suggestion(), docsBaseUrl);
        if (body.length() > MAX_BODY) {
            body = body(placed.finding(), null, docsBaseUrl);
        }
        return new LineComment(placed.path(), placed.startLine(), placed.line(), placed.finding().code(), body);
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
