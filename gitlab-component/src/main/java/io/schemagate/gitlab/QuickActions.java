package io.schemagate.gitlab;

import io.schemagate.core.review.LineComments;
import java.util.regex.Matcher;

/**
 * GitLab runs quick actions ({@code /merge}, {@code /approve}, {@code /close}) written at the start of a line of a
 * note, with the rights of whoever posts it — here the job's token. Notes carry text from the migrations under review
 * (SQL in fix blocks, names in messages), so every such line gets a zero-width space before its slash: it reads the
 * same and runs nothing, inside code blocks too, whose end GitLab's parser can misjudge.
 */
final class QuickActions {
    static final char ZERO_WIDTH_SPACE = '\u200B';

    private QuickActions() {
    }

    static String disarm(String body) {
        Matcher line = LineComments.QUICK_ACTION_LINE.matcher(body);
        StringBuilder out = new StringBuilder(body.length() + 8);
        int copied = 0;
        while (line.find()) {
            int slash = line.end() - 2; // the match ends with "/" and the command's first character
            out.append(body, copied, slash).append(ZERO_WIDTH_SPACE);
            copied = slash;
        }
        return out.append(body, copied, body.length()).toString();
    }
}
