package io.schemagate.github;

/**
 * A review comment to post on the new version of a changed file.
 *
 * @param path      repository-relative path
 * @param startLine first line of a multi-line comment (a suggestion replacing several lines), or 0 for one line
 * @param line      the line it sits on (the last line of a multi-line comment)
 * @param code      the finding's code, also hidden in the body so a re-run recognises its own comment
 * @param body      Markdown, ending with a {@code suggestion} block when the finding has a one-click fix
 */
public record LineComment(String path, int startLine, int line, String code, String body) {

    /** The hidden tag a body carries for {@code code}. */
    static String tag(String code) {
        return "<!-- schemagate:finding " + code + " -->";
    }

    /** This comment with {@code redact} applied to its body (the hidden tag stays: it holds no secret). */
    LineComment redacted(java.util.function.UnaryOperator<String> redact) {
        return new LineComment(path, startLine, line, code, redact.apply(body));
    }

    /** Whether an existing review comment is this one, posted by an earlier run. */
    boolean sameAs(String existingPath, int existingLine, String existingBody) {
        return path.equals(existingPath) && line == existingLine && existingBody != null
                && existingBody.contains(tag(code));
    }
}
