package io.schemagate.core.text;

/**
 * A place in a source file, as reported to users.
 *
 * @param offset byte offset from the start of the file (Atlas's {@code pos})
 * @param line   1-based line: 1 + number of LF bytes before {@code offset}
 * @param column 1-based column: 1 + number of code points since the last LF
 */
public record Position(int offset, int line, int column) {
    public static final Position START = new Position(0, 1, 1);
}
