package io.schemagate.core.sum;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Atlas's {@code atlas:sum ignore} test (rules.md §4.2): such files get no entry and their content is not hashed. */
public final class SumIgnore {
    /*
     * Atlas's directive pattern. UNIX_LINES makes '.' stop only at LF as Go's RE2 does; without it Java
     * also stops at CR, so "atlas:sum ignore\r\n" would count as ignored where Atlas hashes the file.
     */
    private static final Pattern DIRECTIVE =
            Pattern.compile("^([ -~]*)atlas:(\\w+)(?: +(.+))*", Pattern.UNIX_LINES);

    private SumIgnore() {
    }

    /** Whether the first line of {@code content} is an {@code atlas:sum ignore} directive. */
    public static boolean isIgnored(byte[] content) {
        // No part of the pattern can match LF, so decoding only line 1 gives the same match as the whole file.
        int end = 0;
        while (end < content.length && content[end] != '\n') {
            end++;
        }
        // ISO-8859-1 maps each byte to one char, like Go matching on raw bytes; it never fails to decode.
        Matcher m = DIRECTIVE.matcher(new String(content, 0, end, StandardCharsets.ISO_8859_1));
        return m.lookingAt() && "sum".equals(m.group(2)) && "ignore".equals(m.group(3));
    }
}
