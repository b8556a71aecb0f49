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

    /** A string literal: a quote doubled, a backslash escaped (unless NO_BACKSLASH_ESCAPES, the server's default). */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
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
