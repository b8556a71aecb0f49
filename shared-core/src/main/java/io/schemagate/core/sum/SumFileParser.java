package io.schemagate.core.sum;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code atlas.sum} the way Atlas's {@code HashFile.UnmarshalText} does (rules.md §4.3). Works on bytes so
 * that the line-1 check covers exactly the bytes Atlas hashes, whatever the encoding of the file.
 */
final class SumFileParser {
    private static final byte[] H1 = {'h', '1', ':'};
    private static final byte[] LF = {'\n'};

    /** UTF-8 encodings of the code points Go's {@code unicode.IsSpace} accepts, which {@code strings.TrimSpace} removes. */
    private static final byte[][] GO_SPACES = goSpaces();

    private SumFileParser() {
    }

    static SumFile parse(String file, byte[] b) throws SumFormatException {
        MessageDigest check = SumFile.sha256();
        List<SumEntry> entries = new ArrayList<>();
        byte[] stored = new byte[0]; // an empty file has no line 1; Atlas then compares against ""
        int line = 0;
        // Like Go's bufio.ScanLines: split on LF, drop one CR before it, no empty line after a final LF.
        for (int start = 0; start < b.length; ) {
            int lf = indexOf(b, LF, start, b.length);
            int end = lf < 0 ? b.length : lf;
            int next = lf < 0 ? b.length : lf + 1;
            if (end > start && b[end - 1] == '\r') {
                end--;
            }
            line++;
            if (line == 1) {
                int from = startsWith(b, start, end, H1) ? start + H1.length : start;
                stored = Arrays.copyOfRange(b, from, end);
            } else {
                int h1 = indexOf(b, H1, start, end);
                if (h1 < 0) {
                    throw SumFormatException.malformedLine(file, start, line);
                }
                int nameStart = trimStart(b, start, h1);
                int nameEnd = trimEnd(b, nameStart, h1);
                int hashStart = h1 + H1.length;
                check.update(b, nameStart, nameEnd - nameStart);
                check.update(b, hashStart, end - hashStart);
                entries.add(new SumEntry(utf8(b, nameStart, nameEnd), utf8(b, hashStart, end)));
            }
            start = next;
        }
        byte[] expected = SumFile.base64(check.digest()).getBytes(StandardCharsets.US_ASCII);
        if (!Arrays.equals(expected, stored)) {
            throw SumFormatException.checksumMismatch(file);
        }
        return SumFile.of(entries);
    }

    private static int trimStart(byte[] b, int from, int to) {
        for (int i = from; i < to; ) {
            int space = spaceAt(b, i, to);
            if (space == 0) {
                return i;
            }
            i += space;
        }
        return to;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        for (int i = to; i > from; ) {
            int space = spaceBefore(b, from, i);
            if (space == 0) {
                return i;
            }
            i -= space;
        }
        return from;
    }

    /** Length of the space character starting at {@code i}, or 0. */
    private static int spaceAt(byte[] b, int i, int to) {
        for (byte[] space : GO_SPACES) {
            if (startsWith(b, i, to, space)) {
                return space.length;
            }
        }
        return 0;
    }

    /**
     * Length of the space character ending at {@code end}, or 0. A suffix match equals Go's
     * {@code DecodeLastRune}, because every space encoding is a complete sequence with its own lead byte.
     */
    private static int spaceBefore(byte[] b, int from, int end) {
        for (byte[] space : GO_SPACES) {
            int start = end - space.length;
            if (start >= from && startsWith(b, start, end, space)) {
                return space.length;
            }
        }
        return 0;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        return to - from >= prefix.length
                && Arrays.equals(b, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] b, byte[] needle, int from, int to) {
        for (int i = from; i + needle.length <= to; i++) {
            if (startsWith(b, i, to, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static byte[][] goSpaces() {
        int[] codePoints = {
            '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        };
        byte[][] spaces = new byte[codePoints.length][];
        for (int i = 0; i < codePoints.length; i++) {
            spaces[i] = new String(Character.toChars(codePoints[i])).getBytes(StandardCharsets.UTF_8);
        }
        return spaces;
    }
}
