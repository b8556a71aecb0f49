package io.schemagate.core.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoded text of one file plus the mapping from character indexes to user-facing positions.
 * Lexers work on Java chars; everything reported to users is a {@link Position} in bytes, lines and code points.
 */
public final class SourceText {
    private final String file;
    private final String text;
    /** byteOffsetOfChar[i] = UTF-8 byte offset of char i; one extra slot for the end. */
    private final int[] byteOffsetOfChar;
    /** Char index at which each line starts. */
    private final int[] lineStarts;

    private SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        this.byteOffsetOfChar = new int[text.length() + 1];
        int bytes = 0;
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            byteOffsetOfChar[i] = bytes;
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                byteOffsetOfChar[++i] = bytes; // the low surrogate maps to after the code point
            } else {
                bytes += 3;
            }
            if (c == '\n') {
                lines++;
            }
        }
        byteOffsetOfChar[text.length()] = bytes;
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts[line++] = i + 1;
            }
        }
    }

    /** Text already in memory, e.g. in tests. */
    public static SourceText of(String file, String text) {
        return new SourceText(file, text);
    }

    /**
     * Decodes strict UTF-8.
     *
     * @throws SourceException naming the line and column of the first invalid byte
     */
    public static SourceText decode(String file, byte[] bytes) throws SourceException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            SourceText before = decodePrefix(file, bytes, bad);
            Position at = before.position(before.length());
            throw new SourceException(file, at, String.format("not valid UTF-8 (byte 0x%02X at offset %d)", bytes[bad] & 0xff, bad));
        }
        decoder.flush(out);
        out.flip();
        return new SourceText(file, out.toString());
    }

    private static SourceText decodePrefix(String file, byte[] bytes, int length) {
        try {
            return new SourceText(file, StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Arrays.copyOf(bytes, length))).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a prefix ending before the first malformed byte must decode", e);
        }
    }

    public String file() {
        return file;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    public char charAt(int i) {
        return text.charAt(i);
    }

    public String substring(int from, int to) {
        return text.substring(from, to);
    }

    /** The user-facing position of char index {@code index} (0 ≤ index ≤ length). */
    public Position position(int index) {
        int line = lineOf(index);
        int lineStart = lineStarts[line - 1];
        int column = 1 + text.codePointCount(lineStart, index);
        return new Position(byteOffsetOfChar[index], line, column);
    }

    /** 1-based line of char index {@code index}. */
    public int lineOf(int index) {
        int found = Arrays.binarySearch(lineStarts, index);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** Char index where 1-based {@code line} starts. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of 1-based {@code line} without its LF (a CR before the LF stays). */
    public String line(int line) {
        return text.substring(lineStart(line), lineEnd(line));
    }

    /** Char index of the LF ending {@code line}, or the text length for the last line. */
    public int lineEnd(int line) {
        return line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    }

    public SourceException error(int index, String problem) {
        return new SourceException(file, position(index), problem);
    }
}
