package io.schemagate.core.sql;

import io.schemagate.core.text.Position;
import java.util.List;

/**
 * One SQL statement as it stands in its file.
 *
 * <p>A file splits into pieces {@code leading + text + separator}, one per statement, followed by the
 * split's trailing text; concatenated they give back the input exactly.
 *
 * @param text      the statement without leading whitespace/comments and without its delimiter
 * @param leading   whitespace, comments and client commands ({@code DELIMITER $$}) before the text
 * @param separator the delimiter that ended it plus nothing else; empty for a last statement without one
 * @param start     char index of {@code text} in the file
 * @param end       char index after {@code text}
 * @param position  where {@code text} starts (byte offset, line, column)
 * @param endLine   line of the last character of {@code text}
 * @param comments  the comments in {@code leading}, in order
 */
public record Statement(
        String text,
        String leading,
        String separator,
        int start,
        int end,
        Position position,
        int endLine,
        List<Comment> comments) {

    public Statement {
        comments = List.copyOf(comments);
    }
}
