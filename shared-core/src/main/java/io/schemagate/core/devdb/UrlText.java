package io.schemagate.core.devdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Percent-encoding as URLs of libpq use it. Not {@link java.net.URLDecoder}: that turns {@code +} into a space,
 * which would corrupt passwords.
 */
final class UrlText {

    /** {@code scheme://user:password@}: what {@link #maskRaw} hides in text that did not even parse. */
    private static final Pattern RAW_PASSWORD = Pattern.compile("(://[^/?#@:]*:).*@");
    /** {@code user:password@host} without a scheme. */
    private static final Pattern RAW_PASSWORD_NO_SCHEME = Pattern.compile("^([^/?#@:]*:).*@");

    private UrlText() {
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

    /** Best-effort masking of a URL that failed to parse, for the error message about it. */
    static String maskRaw(String text) {
        Pattern pattern = text.contains("://") ? RAW_PASSWORD : RAW_PASSWORD_NO_SCHEME;
        return pattern.matcher(text).replaceAll("$1****@");
    }
}
