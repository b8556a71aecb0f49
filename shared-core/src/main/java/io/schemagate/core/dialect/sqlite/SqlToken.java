package io.schemagate.core.dialect.sqlite;

import java.util.Locale;

/**
 * One token of SQLite statement text.
 *
 * @param kind  what it is
 * @param start offset of its first character in the text
 * @param end   offset just past its last character
 * @param value a word as written, an identifier or string without its quotes (doubled quotes undone), else the
 *              token's text
 */
record SqlToken(Kind kind, int start, int end, String value) {

    enum Kind {
        /** A bare word: a keyword or an unquoted identifier. */
        WORD,
        /** {@code "…"}, {@code `…`} or {@code […]}. */
        QUOTED,
        /** {@code '…'}; SQLite also takes one as an identifier where a name is expected. */
        STRING,
        /** Numbers, blob literals, parameters: anything that only matters as a piece of an expression. */
        LITERAL,
        /** One punctuation or operator character. */
        SYMBOL
    }

    /** True for the bare word {@code keyword}, in any case (a quoted word is a name, never a keyword). */
    boolean is(String keyword) {
        return kind == Kind.WORD && value.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(char symbol) {
        return kind == Kind.SYMBOL && value.length() == 1 && value.charAt(0) == symbol;
    }

    /** True when the token can name something: a word, a quoted identifier or a string. */
    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED || kind == Kind.STRING;
    }

    /** The word upper-cased, for comparing keywords. */
    String upper() {
        return value.toUpperCase(Locale.ROOT);
    }
}
