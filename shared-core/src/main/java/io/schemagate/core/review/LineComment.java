package io.schemagate.core.review;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line comment to post on the new version of a changed file (a GitHub review comment, a GitLab diff thread).
 *
 * @param path      repository-relative path
 * @param startLine first line of a multi-line comment (a suggestion replacing several lines), or 0 for one line
 * @param line      the line it sits on (the last line of a multi-line comment)
 * @param code      the finding's code, also hidden in the body so a re-run recognises its own comment
 * @param body      Markdown, ending with a suggestion block when the finding has a one-click fix
 */
public record LineComment(String path, int startLine, int line, String code, String body) {
    private static final Pattern TAG = Pattern.compile("<!-- schemagate:finding ([A-Za-z0-9]+) -->");

    /** The hidden tag a body carries for {@code code}. */
    public static String tag(String code) {
        return "<!-- schemagate:finding " + code + " -->";
    }

    /** The finding code hidden in a comment body an earlier run posted, if it carries one. */
    public static Optional<String> taggedCode(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** This comment with {@code redact} applied to its body (the hidden tag stays: it holds no secret). */
    public LineComment redacted(UnaryOperator<String> redact) {
        return new LineComment(path, startLine, line, code, redact.apply(body));
    }

    /** Whether an existing comment is this one, posted by an earlier run. */
    public boolean sameAs(String existingPath, int existingLine, String existingBody) {
        return path.equals(existingPath) && line == existingLine && existingBody != null
                && existingBody.contains(tag(code));
    }
}
