package io.schemagate.core.sql;

import io.schemagate.core.text.Position;

/**
 * A comment found between statements.
 *
 * @param text     the whole comment, markers included ({@code -- x}, {@code # x}, {@code /* x *}{@code /})
 * @param start    char index of its first character
 * @param end      char index after its last character (a line comment ends before its LF)
 * @param position where it starts, for users
 */
public record Comment(String text, int start, int end, Position position) {

    /** True for {@code --} and {@code #} comments. */
    public boolean isLineComment() {
        return !text.startsWith("/*");
    }

    /** The comment without its markers, e.g. {@code atlas:nolint DS103} for {@code -- atlas:nolint DS103}. */
    public String body() {
        if (text.startsWith("--")) {
            return text.substring(2).strip();
        }
        if (text.startsWith("#")) {
            return text.substring(1).strip();
        }
        String inner = text.substring(2, text.endsWith("*/") && text.length() >= 4 ? text.length() - 2 : text.length());
        return inner.strip();
    }
}
