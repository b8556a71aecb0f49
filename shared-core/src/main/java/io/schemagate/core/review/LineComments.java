package io.schemagate.core.review;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.report.MarkdownEscape;
import io.schemagate.core.report.MarkdownReport;
import java.util.regex.Pattern;

/**
 * The line comment for a finding placed on the diff: its tagged headline, its fixes, and the placed fix as a
 * suggestion block in the platform's syntax.
 */
public final class LineComments {
    /** A line GitLab could read as a quick action: optional blanks, a slash, a command name. */
    public static final Pattern QUICK_ACTION_LINE = Pattern.compile("(?m)^[ \\t]*/[A-Za-z0-9_]");
    /**
     * GitHub's limit on a comment body is 65,536 characters (GitLab's is larger); a longer suggestion is described
     * instead.
     */
    public static final int MAX_BODY = 60_000;
    /**
     * GitLab reads at most this many lines above the commented line from {@code suggestion:-N+0} (a larger N is
     * silently cut to it), so a suggestion replacing more would leave the lines above in place when applied.
     */
    public static final int GITLAB_MAX_LINES_ABOVE = 100;

    /** How a platform writes a one-click suggestion that replaces lines {@code startLine..line}. */
    public enum SuggestionSyntax {
        /** A plain {@code suggestion} block; the comment itself spans the lines it replaces. */
        GITHUB,
        /**
         * GitLab anchors the comment on one line; {@code suggestion:-N+0} widens the replaced range to the N lines
         * above it.
         */
        GITLAB;

        /**
         * GitLab runs quick actions ({@code /merge}, {@code /approve}) found at the start of a line of a note, with
         * the poster's rights, and its parser can misjudge where a long fence ends: replacement text with such a line
         * is described, never posted. So is one replacing more lines than GitLab widens a suggestion over
         * ({@link #GITLAB_MAX_LINES_ABOVE}): applied, it would keep the lines above and duplicate them.
         */
        boolean accepts(int startLine, int line, String newText) {
            return this != GITLAB || (!QUICK_ACTION_LINE.matcher(newText).find()
                    && (startLine <= 0 || line - startLine <= GITLAB_MAX_LINES_ABOVE));
        }

        String info(int startLine, int line) {
            if (this == GITLAB && startLine > 0 && startLine < line) {
                return "suggestion:-" + (line - startLine) + "+0";
            }
            return "suggestion";
        }
    }

    private LineComments() {
    }

    public static LineComment of(DiffPlacement.Placed placed, String docsBaseUrl, SuggestionSyntax syntax) {
        String info = syntax.info(placed.startLine(), placed.line());
        Fix suggestion = placed.suggestion() != null && syntax.accepts(placed.startLine(), placed.line(),
                placed.suggestion().edit().newText())
                ? placed.suggestion() : null;
        String body = body(placed.finding(), suggestion, info, docsBaseUrl);
        if (body.length() > MAX_BODY) {
            body = body(placed.finding(), null, info, docsBaseUrl);
        }
        return new LineComment(placed.path(), placed.startLine(), placed.line(), placed.finding().code(), body);
    }

    /** The finding's headline and fixes; {@code suggested}'s edit becomes the suggestion block. */
    private static String body(Diagnostic d, Fix suggested, String info, String docsBaseUrl) {
        StringBuilder out = new StringBuilder(LineComment.tag(d.code())).append('\n')
                .append(MarkdownReport.headline(d, docsBaseUrl)).append("\n\n");
        for (Fix fix : d.fixes()) {
            out.append("Fix: ").append(MarkdownEscape.inline(fix.message())).append("\n\n");
            if (fix == suggested) {
                out.append(suggestion(fix.edit().newText(), info)).append('\n');
            }
        }
        return out.toString();
    }

    /** The replacement lines; an empty block deletes them (a fence around one empty line would leave one). */
    private static String suggestion(String newText, String info) {
        return newText.isEmpty() ? "```" + info + "\n```\n" : MarkdownEscape.fence(newText, info);
    }
}
