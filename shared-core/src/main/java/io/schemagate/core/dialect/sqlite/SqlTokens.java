package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.dialect.sqlite.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite statement text split into tokens (comments and white space dropped), with the navigation the CREATE parsers
 * need: matching parentheses, splitting a parenthesised list at its top-level commas, and slicing the original text.
 *
 * <p>It follows SQLite's own lexical rules closely enough for structure (quotes with doubled-quote escapes, {@code […]}
 * identifiers, both comment forms, blob literals) and never fails: unterminated quotes or comments run to the end of
 * the text, and anything unknown is a one-character symbol. The texts come from {@code sqlite_schema}, which holds what
 * a migration wrote, so parsers built on this must treat a surprise as "not understood", never as an error.
 */
final class SqlTokens {

    private final String text;
    private final List<SqlToken> tokens;

    private SqlTokens(String text, List<SqlToken> tokens) {
        this.text = text;
        this.tokens = List.copyOf(tokens);
    }

    static SqlTokens of(String text) {
        String sql = text == null ? "" : text;
        List<SqlToken> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'') {
                i = quoted(sql, i, '\'', Kind.STRING, out);
            } else if (c == '"' || c == '`') {
                i = quoted(sql, i, c, Kind.QUOTED, out);
            } else if (c == '[') {
                int close = sql.indexOf(']', i + 1);
                int end = close < 0 ? n : close + 1;
                out.add(new SqlToken(Kind.QUOTED, i, end, sql.substring(i + 1, close < 0 ? n : close)));
                i = end;
            } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int end = quoted(sql, i + 1, '\'', Kind.STRING, new ArrayList<>());
                out.add(new SqlToken(Kind.LITERAL, i, end, sql.substring(i, end)));
                i = end;
            } else if (isWordChar(c) && !Character.isDigit(c)) {
                int end = i + 1;
                while (end < n && isWordChar(sql.charAt(end))) {
                    end++;
                }
                out.add(new SqlToken(Kind.WORD, i, end, sql.substring(i, end)));
                i = end;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    || c == '?' || c == ':' || c == '@' || c == '$') {
                int end = i + 1;
                while (end < n && (isWordChar(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                out.add(new SqlToken(Kind.LITERAL, i, end, sql.substring(i, end)));
                i = end;
            } else {
                out.add(new SqlToken(Kind.SYMBOL, i, i + 1, String.valueOf(c)));
                i++;
            }
        }
        return new SqlTokens(sql, out);
    }

    /** Reads a quoted token starting at {@code open}; a doubled quote stands for one. Returns the offset past it. */
    private static int quoted(String sql, int open, char quote, Kind kind, List<SqlToken> out) {
        StringBuilder value = new StringBuilder();
        int i = open + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                i++;
                out.add(new SqlToken(kind, open, i, value.toString()));
                return i;
            }
            value.append(c);
            i++;
        }
        out.add(new SqlToken(kind, open, n, value.toString()));
        return n;
    }

    /** Letters, digits, {@code _}, {@code $} and every non-ASCII character, as in SQLite's identifiers. */
    private static boolean isWordChar(char c) {
        return c == '_' || c == '$' || c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9';
    }

    int size() {
        return tokens.size();
    }

    /** The token at {@code index}, or null past the end (so look-ahead needs no bounds checks). */
    SqlToken get(int index) {
        return index >= 0 && index < tokens.size() ? tokens.get(index) : null;
    }

    /** True when the token at {@code index} is the bare word {@code keyword}. */
    boolean is(int index, String keyword) {
        SqlToken token = get(index);
        return token != null && token.is(keyword);
    }

    boolean isSymbol(int index, char symbol) {
        SqlToken token = get(index);
        return token != null && token.isSymbol(symbol);
    }

    /** The index of the first {@code (} at or after {@code from} outside parentheses, or -1. */
    int nextOpen(int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol('(')) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, or -1 when it is never closed. */
    int close(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index after the token at {@code index}, or after its whole parenthesised group when it opens one. */
    int skip(int index) {
        if (isSymbol(index, '(')) {
            int close = close(index);
            return close < 0 ? tokens.size() : close + 1;
        }
        return index + 1;
    }

    /**
     * The items of the parenthesised list opened at {@code open}, split at its top-level commas; each item is a
     * {@code [from, to)} range of token indexes. Empty when the list is never closed.
     */
    List<int[]> items(int open) {
        int close = close(open);
        List<int[]> out = new ArrayList<>();
        if (close < 0) {
            return out;
        }
        int from = open + 1;
        for (int i = open + 1; i < close; i = skip(i)) {
            if (tokens.get(i).isSymbol(',')) {
                out.add(new int[] {from, i});
                from = i + 1;
            }
        }
        if (from < close || !out.isEmpty()) {
            out.add(new int[] {from, close});
        }
        return out;
    }

    /** The index of the first bare {@code keyword} in {@code [from, to)} outside parentheses, or -1. */
    int find(String keyword, int from, int to) {
        for (int i = from; i < Math.min(to, tokens.size()); i = skip(i)) {
            if (tokens.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** The original text of tokens {@code [from, to)}, comments inside included, trimmed; "" when empty. */
    String text(int from, int to) {
        if (from >= to || from >= tokens.size()) {
            return "";
        }
        return text.substring(tokens.get(from).start(), tokens.get(Math.min(to, tokens.size()) - 1).end()).strip();
    }

    /** The original text from the token at {@code from} to the end of the statement, without a trailing {@code ;}. */
    String rest(int from) {
        int to = tokens.size();
        while (to > from && tokens.get(to - 1).isSymbol(';')) {
            to--;
        }
        return text(from, to);
    }
}
