package io.schemagate.core.sql;

import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SQL text into statements the way the database's own client would: delimiters inside quoted strings,
 * quoted identifiers, dollar-quoted bodies, comments and {@code BEGIN … END} bodies do not end a statement.
 *
 * <p>One instance splits one region once; use the static entry points.
 */
public final class StatementSplitter {
    private static final Pattern DELIMITER_COMMAND = Pattern.compile("(?i)delimiter[ \\t]+([^\\r\\n]*)");
    private static final Pattern GOOSE_ANNOTATION = Pattern.compile("(?i)\\+goose\\s+(statementbegin|statementend)\\s*");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_\\u0080-\\uffff][A-Za-z0-9_\\u0080-\\uffff]*)?\\$");
    /** Statement kinds whose body may hold a {@code BEGIN … END} block (MySQL, SQLite). */
    private static final Set<String> ROUTINE_KINDS = Set.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");
    /**
     * Words naming what a CREATE or ALTER makes: the first one seen decides whether the statement defines a
     * routine ({@code CREATE DEFINER=x TRIGGER}) or merely uses such a word as a name ({@code CREATE TABLE event}).
     */
    private static final Set<String> OBJECT_KINDS = Set.of("TABLE", "VIEW", "INDEX", "SEQUENCE", "SCHEMA", "DATABASE",
            "TYPE", "DOMAIN", "EXTENSION", "ROLE", "USER", "TABLESPACE", "SERVER", "RULE", "POLICY", "MATERIALIZED",
            "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");
    /** After these, {@code END} is a name ({@code SET end = 1}), never the end of a block. */
    private static final Set<String> BEFORE_A_NAME = Set.of("SET", "SELECT", "WHERE", "AND", "OR", "NOT", "ON", "BY",
            "WHEN", "THEN", "ELSE", "AS", "INTO", "VALUES");
    /** Closers of blocks we do not count: {@code END IF}, {@code END LOOP}, … */
    private static final Set<String> UNCOUNTED_BLOCKS = Set.of("IF", "LOOP", "WHILE", "REPEAT");

    private final SourceText source;
    private final String text;
    private final int to;
    private final Dialect dialect;
    private final boolean gooseBlocks;
    private final boolean dashCommentsAnywhere;
    private String delimiter;

    private final List<Statement> statements = new ArrayList<>();
    private List<Comment> comments = new ArrayList<>();
    /** Start of the current piece (its leading part) and of its text; -1 while still in the leading part. */
    private int pieceStart;
    private int textStart = -1;
    private String firstWord;
    private String objectKind;
    private int blockDepth;
    private int blockOpenedAt;
    /** PostgreSQL only: like psql, a delimiter inside parentheses does not end a statement ({@code CREATE RULE}). */
    private int parenDepth;
    private int parenOpenedAt;
    private int gooseBlockOpenedAt = -1;

    private StatementSplitter(SourceText source, int from, int to, SplitOptions options) {
        this.source = source;
        this.text = source.text();
        this.to = to;
        this.dialect = options.dialect();
        this.gooseBlocks = options.gooseBlocks();
        this.dashCommentsAnywhere = options.dashCommentsAnywhere();
        this.delimiter = options.delimiter();
        this.pieceStart = from;
    }

    public static Split split(SourceText source, SplitOptions options) throws SourceException {
        return split(source, 0, source.length(), options);
    }

    /** Splits the char range {@code [from, to)} of {@code source}; positions stay those of the whole file. */
    public static Split split(SourceText source, int from, int to, SplitOptions options) throws SourceException {
        if (from < 0 || to > source.length() || from > to) {
            throw new IllegalArgumentException("bad region [" + from + ", " + to + ") of " + source.length() + " chars");
        }
        return new StatementSplitter(source, from, to, options).run(from);
    }

    private Split run(int from) throws SourceException {
        int i = from;
        while (i < to) {
            i = textStart < 0 ? leading(i) : inStatement(i);
        }
        if (gooseBlockOpenedAt >= 0) {
            throw source.error(gooseBlockOpenedAt, "-- +goose StatementBegin without a matching -- +goose StatementEnd");
        }
        if (textStart >= 0) {
            if (blockDepth > 0) {
                throw source.error(blockOpenedAt, "BEGIN without a matching END before the end of the file");
            }
            if (parenDepth > 0) {
                throw source.error(parenOpenedAt, "( opened here is never closed");
            }
            int end = trimRight(textStart, to);
            finish(end, end);
        }
        return new Split(statements, text.substring(pieceStart, to), comments);
    }

    /** One step before a statement's text starts: whitespace, a comment, a client command, or the text. */
    private int leading(int i) throws SourceException {
        char c = text.charAt(i);
        if (Character.isWhitespace(c) || c == '\uFEFF') {
            return i + 1;
        }
        if (startsComment(i) && !(dialect == Dialect.MYSQL && text.startsWith("/*!", i))) {
            int end = skipComment(i);
            Comment comment = new Comment(text.substring(i, end), i, end, source.position(i));
            comments.add(comment);
            if (gooseBlocks && isGoose(comment.text(), "statementbegin")) {
                gooseBlockOpenedAt = i;
            } else if (gooseBlockOpenedAt >= 0 && isGoose(comment.text(), "statementend")) {
                gooseBlockOpenedAt = -1; // an empty block
            }
            return end;
        }
        if (delimiterAt(i)) {
            return i + delimiter.length(); // an empty statement: the stray delimiter stays in the leading part
        }
        Matcher command = DELIMITER_COMMAND.matcher(text).region(i, to);
        if (command.lookingAt()) {
            String newDelimiter = unquote(command.group(1).strip());
            if (newDelimiter.isEmpty()) {
                throw source.error(i, "DELIMITER needs a delimiter");
            }
            delimiter = newDelimiter;
            return command.end();
        }
        textStart = i;
        firstWord = null;
        objectKind = null;
        blockDepth = 0;
        parenDepth = 0;
        return i;
    }

    /** One token of a statement's text; ends the statement at a delimiter outside any block. */
    private int inStatement(int i) throws SourceException {
        if (gooseBlockOpenedAt < 0 && blockDepth == 0 && parenDepth == 0 && delimiterAt(i)) {
            int end = trimRight(textStart, i);
            finish(end, i + delimiter.length());
            return i + delimiter.length();
        }
        char c = text.charAt(i);
        if (startsComment(i)) {
            int end = skipComment(i);
            if (gooseBlockOpenedAt >= 0 && isGoose(text.substring(i, end), "statementend")) {
                closeGooseBlock(i);
                return i;
            }
            return end;
        }
        return switch (c) {
            case '\'' -> skipQuoted(i, '\'', backslashEscapes(i));
            case '"' -> skipQuoted(i, '"', dialect == Dialect.MYSQL);
            case '`' -> dialect == Dialect.POSTGRES ? i + 1 : skipQuoted(i, '`', false);
            case '[' -> dialect == Dialect.SQLITE ? skipBracketed(i) : i + 1;
            case '$' -> dialect == Dialect.POSTGRES ? skipDollar(i) : i + 1;
            case '(' -> {
                if (tracksParentheses() && parenDepth++ == 0) {
                    parenOpenedAt = i;
                }
                yield i + 1;
            }
            case ')' -> {
                if (tracksParentheses() && parenDepth > 0) {
                    parenDepth--;
                }
                yield i + 1;
            }
            default -> isWordStart(c) ? word(i) : i + 1;
        };
    }

    private void closeGooseBlock(int annotationStart) {
        int end = trimRight(textStart, annotationStart);
        int textEnd = end;
        if (end - delimiter.length() >= textStart && text.startsWith(delimiter, end - delimiter.length())) {
            textEnd = trimRight(textStart, end - delimiter.length());
        }
        gooseBlockOpenedAt = -1;
        if (textEnd == textStart) {
            // Only a delimiter between the annotations: nothing to run, keep it in the leading part.
            textStart = -1;
            return;
        }
        finish(textEnd, end);
    }

    /** Records the current statement: text up to {@code textEnd}, separator up to {@code pieceEnd}. */
    private void finish(int textEnd, int pieceEnd) {
        int lastChar = Math.max(textStart, textEnd - 1);
        statements.add(new Statement(
                text.substring(textStart, textEnd),
                text.substring(pieceStart, textStart),
                text.substring(textEnd, pieceEnd),
                textStart,
                textEnd,
                source.position(textStart),
                source.lineOf(lastChar),
                comments));
        comments = new ArrayList<>();
        pieceStart = pieceEnd;
        textStart = -1;
        blockDepth = 0;
    }

    // ---- words and BEGIN … END blocks ----

    private int word(int i) {
        int end = i + 1;
        // A delimiter may follow a word directly: END$$ with DELIMITER $$.
        while (end < to && isWordPart(text.charAt(end)) && !delimiterAt(end)) {
            end++;
        }
        boolean qualified = i > 0 && text.charAt(i - 1) == '.';
        if (qualified || !delimiter.equals(";") || gooseBlockOpenedAt >= 0) {
            return end; // a custom delimiter or goose block means the author delimits bodies explicitly
        }
        String word = text.substring(i, end).toUpperCase(Locale.ROOT);
        if (firstWord == null) {
            firstWord = word;
            return end;
        }
        if (objectKind == null && OBJECT_KINDS.contains(word)) {
            objectKind = word;
        }
        if (blockDepth == 0) {
            if (word.equals("BEGIN") && opensBlock(end)) {
                blockDepth = 1;
                blockOpenedAt = i;
            }
            return end;
        }
        switch (word) {
            case "BEGIN", "CASE" -> blockDepth++;
            case "END" -> {
                if (BEFORE_A_NAME.contains(previousWord(i)) || ",(".indexOf(previousChar(i)) >= 0) {
                    return end;
                }
                int next = skipSpace(end);
                String following = nextWord(next);
                if (UNCOUNTED_BLOCKS.contains(following)) {
                    return next + following.length();
                }
                blockDepth--;
                if (following.equals("CASE")) {
                    return next + following.length();
                }
            }
            default -> { }
        }
        return end;
    }

    /** Whether a BEGIN at this point starts a routine body rather than naming something. */
    private boolean opensBlock(int afterBegin) {
        boolean definition = "CREATE".equals(firstWord) || "ALTER".equals(firstWord);
        if (!definition) {
            return false;
        }
        if (dialect == Dialect.POSTGRES) {
            return nextWord(skipSpace(afterBegin)).equals("ATOMIC");
        }
        return objectKind != null && ROUTINE_KINDS.contains(objectKind);
    }

    private boolean tracksParentheses() {
        return dialect == Dialect.POSTGRES && delimiter.equals(";") && gooseBlockOpenedAt < 0;
    }

    private boolean delimiterAt(int i) {
        return i + delimiter.length() <= to && text.startsWith(delimiter, i);
    }

    /** The last non-space character before {@code i} in the current statement, or a space at its start. */
    private char previousChar(int i) {
        int j = i - 1;
        while (j >= textStart && Character.isWhitespace(text.charAt(j))) {
            j--;
        }
        return j >= textStart ? text.charAt(j) : ' ';
    }

    /** The word right before {@code i} (upper case), or "" when something else precedes it. */
    private String previousWord(int i) {
        int end = i;
        while (end > textStart && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > textStart && isWordPart(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end).toUpperCase(Locale.ROOT);
    }

    private String nextWord(int i) {
        if (i >= to || !isWordStart(text.charAt(i))) {
            return "";
        }
        int end = i + 1;
        while (end < to && isWordPart(text.charAt(end))) {
            end++;
        }
        return text.substring(i, end).toUpperCase(Locale.ROOT);
    }

    private int skipSpace(int i) {
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80 && !Character.isWhitespace(c) && c != '\uFEFF';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || Character.isDigit(c) || c == '$';
    }

    // ---- comments ----

    private boolean startsComment(int i) {
        char c = text.charAt(i);
        if (c == '/' && i + 1 < to && text.charAt(i + 1) == '*') {
            return true;
        }
        if (c == '#') {
            return dialect == Dialect.MYSQL;
        }
        if (c == '-' && i + 1 < to && text.charAt(i + 1) == '-') {
            // MySQL needs a space or control character after "--"; "--1" is two minus signs.
            return dialect != Dialect.MYSQL || dashCommentsAnywhere || i + 2 >= to || text.charAt(i + 2) <= ' ';
        }
        return false;
    }

    /** Returns the index after the comment starting at {@code i}; a line comment stops before its LF. */
    private int skipComment(int i) throws SourceException {
        if (text.charAt(i) != '/') {
            int end = text.indexOf('\n', i);
            return end < 0 || end > to ? to : end;
        }
        int depth = 1;
        int j = i + 2;
        boolean nests = dialect == Dialect.POSTGRES;
        while (j + 1 < to) {
            if (text.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0 || !nests) {
                    return j;
                }
            } else if (nests && text.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else {
                j++;
            }
        }
        throw source.error(i, "unterminated /* comment");
    }

    private static boolean isGoose(String comment, String annotation) {
        if (!comment.startsWith("--")) {
            return false;
        }
        Matcher m = GOOSE_ANNOTATION.matcher(comment.substring(2).strip());
        return m.matches() && m.group(1).equalsIgnoreCase(annotation);
    }

    // ---- quoted text ----

    private boolean backslashEscapes(int quote) {
        return switch (dialect) {
            case MYSQL -> true;
            case SQLITE -> false;
            // E'…' escape strings; a lone E before the quote, not the end of a longer word.
            case POSTGRES -> quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
                    && (quote < 2 || !isWordPart(text.charAt(quote - 2)));
        };
    }

    private int skipQuoted(int open, char quote, boolean backslash) throws SourceException {
        int j = open + 1;
        while (j < to) {
            char c = text.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < to && text.charAt(j + 1) == quote) {
                    j += 2; // doubled quote
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        String what = switch (quote) {
            case '\'' -> "string";
            case '"' -> dialect == Dialect.MYSQL ? "string" : "quoted identifier";
            default -> "quoted identifier";
        };
        throw source.error(open, "unterminated " + what + " (" + quote + " opened here is never closed)");
    }

    private int skipBracketed(int open) throws SourceException {
        int close = text.indexOf(']', open + 1);
        if (close < 0 || close >= to) {
            throw source.error(open, "unterminated quoted identifier ([ opened here is never closed)");
        }
        return close + 1;
    }

    private int skipDollar(int open) throws SourceException {
        if (open > 0 && isWordPart(text.charAt(open - 1))) {
            return open + 1; // part of an identifier such as a$b
        }
        Matcher tag = DOLLAR_TAG.matcher(text).region(open, to);
        if (!tag.lookingAt()) {
            return open + 1; // $1 parameter or a lone $
        }
        String marker = tag.group();
        int close = text.indexOf(marker, tag.end());
        if (close < 0 || close + marker.length() > to) {
            throw source.error(open, "unterminated dollar-quoted string (" + marker + " opened here is never closed)");
        }
        return close + marker.length();
    }

    private int trimRight(int from, int end) {
        while (end > from && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == '\uFEFF')) {
            end--;
        }
        return end;
    }

    private static String unquote(String s) {
        if (s.length() >= 2) {
            char q = s.charAt(0);
            if ((q == '\'' || q == '"' || q == '`') && s.charAt(s.length() - 1) == q) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }
}
