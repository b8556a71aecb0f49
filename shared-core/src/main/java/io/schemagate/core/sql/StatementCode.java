package io.schemagate.core.sql;

/**
 * A statement's text with what is not code blanked out — comments, string literals (also dollar-quoted bodies) and,
 * optionally, quoted identifiers — each character replaced by a space (line breaks kept), so offsets and lines stay
 * where they were. Rules that look for a keyword ({@code CONCURRENTLY}, {@code NOT VALID}, {@code WHERE}) read this,
 * and a word inside {@code 'CONCURRENTLY'} or {@code /* NOT VALID *}{@code /} cannot pass for one.
 */
public final class StatementCode {
    private StatementCode() {
    }

    /** Comments, literals and quoted identifiers blanked: for keywords. */
    public static String keywords(String text) {
        return blank(text, false);
    }

    /** Comments and literals blanked, quoted identifiers kept: for keywords next to the names they apply to. */
    public static String withNames(String text) {
        return blank(text, true);
    }

    private static String blank(String text, boolean keepIdentifiers) {
        StringBuilder out = new StringBuilder(text);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int end;
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                end = blockCommentEnd(text, i);
            } else if (c == '\'') {
                boolean backslash = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(text.charAt(i - 2)) && text.charAt(i - 2) != '_');
                end = quotedEnd(text, i, '\'', backslash);
            } else if (c == '"' || c == '`') {
                end = quotedEnd(text, i, c, false);
                if (keepIdentifiers) {
                    i = end;
                    continue;
                }
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                int close = text.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = Math.max(end, i + 1);
        }
        return out.toString();
    }

    /** After a {@code /* … *}{@code /} comment; PostgreSQL nests them. */
    private static int blockCommentEnd(String text, int open) {
        int depth = 0;
        int i = open;
        while (i < text.length() - 1) {
            if (text.charAt(i) == '/' && text.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** After the closing quote; a doubled quote (and, with {@code backslash}, {@code \'}) stays inside. */
    private static int quotedEnd(String text, int open, char quote, boolean backslash) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslash && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** {@code $$} or {@code $tag$} starting at {@code i}, or null ({@code $1} is a parameter, not a tag). */
    private static String dollarTag(String text, int i) {
        int j = i + 1;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            j++;
        }
        if (j >= text.length() || text.charAt(j) != '$' || j > i + 1 && Character.isDigit(text.charAt(i + 1))) {
            return null;
        }
        return text.substring(i, j + 1);
    }
}
