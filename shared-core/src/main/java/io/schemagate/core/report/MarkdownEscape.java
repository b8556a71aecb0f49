package io.schemagate.core.report;

/**
 * Makes user-controlled text (file names, SQL, database messages, object names) inert in GitHub/GitLab Markdown:
 * it renders as the same characters and cannot open a link, emphasis, code span, table cell or HTML tag.
 */
public final class MarkdownEscape {
    /** Longer text is cut: one database message must not be able to use up a comment's size budget. */
    static final int MAX_INLINE = 2_000;

    private MarkdownEscape() {
    }

    /**
     * For running text and table cells: Markdown punctuation is backslash-escaped ({@code \|} is also GFM's
     * in-cell pipe), HTML's {@code < > &} become entities, and line breaks become {@code <br>} so the text
     * stays inside its line, cell or heading; {@code @} is followed by a zero-width space, so no mention
     * notifies anyone. Control characters, lone surrogates and noncharacters are dropped.
     */
    public static String inline(String text) {
        String cut = text;
        if (text.length() > MAX_INLINE) {
            int end = MAX_INLINE - 1;
            cut = text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end) + "…";
        }
        StringBuilder out = new StringBuilder(cut.length() + 16);
        for (int i = 0; i < cut.length(); i += Character.charCount(cut.codePointAt(i))) {
            int c = cut.codePointAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '$', '!' -> out.append('\\').append((char) c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                // A zero-width space after @ keeps "@all" or "@org/team" from notifying people: platforms find mentions
                // in the rendered text, where a backslash escape no longer shows.
                case '@' -> out.append("@&#8203;");
                case '\r' -> {
                    out.append("<br>");
                    if (i + 1 < cut.length() && cut.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> out.append("<br>");
                case '\t' -> out.append(' ');
                default -> {
                    if (printable(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Not a control character, lone surrogate or noncharacter: those have no business in a comment. */
    private static boolean printable(int c) {
        return c >= 0x20 && !(c >= 0x7f && c < 0xa0) && !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFFFE && c != 0xFFFF;
    }

    /**
     * A fenced code block: its fence is one backtick longer than the longest run of backticks in the code (and
     * at least three), so no line of the code can close it; inside a fence nothing else is interpreted.
     */
    public static String fence(String code, String language) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < code.length(); i++) {
            run = code.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String body = code.endsWith("\n") ? code : code + "\n";
        return fence + language + "\n" + body + fence + "\n";
    }
}
