package io.schemagate.core.devdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Percent-encoding as URLs of libpq use it, and where a password may sit in URL text. Not
 * {@link java.net.URLDecoder}: that turns {@code +} into a space, which would corrupt passwords.
 */
public final class UrlText {

    private UrlText() {
    }

    /** Where a password may sit in URL text: from {@code start} (inclusive) to {@code end} (exclusive). */
    private record Span(int start, int end) {
    }

    /** Decodes {@code %XX} escapes (as UTF-8); {@code null} for a broken escape. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Encodes what would change the meaning of a user, database or parameter in a printed URL. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "%@:/?#&=[] ".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** A host as it appears in a URL: IPv6 literals in brackets. */
    static String host(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** {@code ?k=v&k=v}, or nothing for no parameters. */
    static String query(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return "";
        }
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.forEach((key, value) -> query.add(encode(key) + "=" + encode(value)));
        return query.toString();
    }

    /**
     * The text with everything that may be a password replaced by {@code ****}, for messages about a URL that may
     * not even parse ({@code postgres//u:pw@h}, {@code u:pw@h}, an unencoded {@code @ / ? #} in the password).
     */
    public static String maskRaw(String text) {
        StringBuilder masked = new StringBuilder(text.length());
        int from = 0;
        for (Span span : passwordSpans(text)) {
            masked.append(text, from, span.start).append("****");
            from = span.end;
        }
        return masked.append(text, from, text.length()).toString();
    }

    /**
     * Every text in {@code url} that may be a password, as written and percent-decoded, whether or not the URL
     * parses: what output must never show once this text has been given to schemagate. Empty for text without one.
     */
    public static Set<String> passwords(String url) {
        Set<String> passwords = new LinkedHashSet<>();
        for (Span span : passwordSpans(url)) {
            String raw = url.substring(span.start, span.end);
            passwords.add(raw);
            String decoded = decode(raw);
            if (decoded != null) {
                passwords.add(decoded);
            }
        }
        passwords.remove("");
        return passwords;
    }

    /**
     * Errs on the side of hiding: the user info is everything from the first ':' after the scheme to the LAST '@'
     * (passwords hold unencoded '@', '/', '?' and '#' in practice); without an '@', a port that is not a number is
     * most likely a password whose host was forgotten ({@code postgres://user:secret}); and the value of every
     * {@code password=} pair after a '?' or '&' (libpq accepts the password as a query parameter). Sorted, disjoint.
     */
    private static List<Span> passwordSpans(String text) {
        List<Span> spans = new ArrayList<>();
        int scheme = text.indexOf("://");
        int authority = scheme < 0 ? 0 : scheme + 3;
        int at = text.lastIndexOf('@');
        if (at >= authority) {
            int colon = text.indexOf(':', authority);
            if (colon >= 0 && colon < at) {
                spans.add(new Span(colon + 1, at));
            }
        } else {
            int end = authority;
            while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            int close = text.lastIndexOf(']', end - 1);
            int colon = text.lastIndexOf(':', end - 1);
            if (colon >= authority && colon > close && !text.substring(colon + 1, end).matches("\\d*")) {
                spans.add(new Span(colon + 1, end));
            }
        }
        for (int separator = authority; separator < text.length(); separator++) {
            if (text.charAt(separator) != '?' && text.charAt(separator) != '&') {
                continue;
            }
            int equals = text.indexOf('=', separator + 1);
            if (equals < 0) {
                break;
            }
            String key = text.substring(separator + 1, equals);
            if (key.indexOf('&') < 0 && key.indexOf('?') < 0 && isPasswordKey(key)) {
                int end = text.indexOf('&', equals + 1);
                spans.add(new Span(equals + 1, end < 0 ? text.length() : end));
            }
        }
        return disjoint(spans);
    }

    private static List<Span> disjoint(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort((a, b) -> Integer.compare(a.start, b.start));
        List<Span> merged = new ArrayList<>();
        for (Span span : sorted) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start <= last.end) {
                merged.set(merged.size() - 1, new Span(last.start, Math.max(last.end, span.end)));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static boolean isPasswordKey(String rawKey) {
        String key = decode(rawKey);
        return (key == null ? rawKey : key).strip().toLowerCase(Locale.ROOT).equals("password");
    }
}
