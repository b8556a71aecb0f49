package io.schemagate.core.dialect.mysql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Backtick-quoted identifiers: writing them into the definitions composed here, finding them in server text. */
final class Identifiers {

    private Identifiers() {
    }

    /** {@code `name`}, a backtick inside doubled. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * A string literal in the server's default SQL mode: a quote doubled; a backslash, line break, NUL and Ctrl-Z
     * escaped, so the literal stays on one line (a line of a comment cannot pass for a directive of the file's tool).
     * A server running with NO_BACKSLASH_ESCAPES would keep the backslashes as written.
     */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("''");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                case '\u001a' -> out.append("\\Z");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /**
     * The backtick-quoted identifiers of an expression the server formatted (CHECK_CLAUSE, which quotes every column
     * it names), each once, in order of appearance. Text in single or double quotes is skipped, so a string literal
     * holding a backtick is not taken for a name.
     */
    static List<String> quotedIn(String expression) {
        Set<String> found = new LinkedHashSet<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = expression.charAt(j);
                    if (d == '\\' && c != '`' && j + 1 < n) {
                        text.append(expression.charAt(j + 1));
                        j += 2;
                    } else if (d == c && j + 1 < n && expression.charAt(j + 1) == c) {
                        text.append(c);
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        text.append(d);
                        j++;
                    }
                }
                if (c == '`') {
                    found.add(text.toString());
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return new ArrayList<>(found);
    }
}
