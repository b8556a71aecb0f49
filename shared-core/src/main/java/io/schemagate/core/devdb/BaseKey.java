package io.schemagate.core.devdb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What identifies a replayed base schema in the cache: a SHA-256 (64 lowercase hex digits) of everything that
 * produced it (see {@code lint.BaseFingerprint}). Two runs with the same key would replay the same statements into
 * the same kind of server as the same kind of role, so one may reuse the other's result.
 */
public record BaseKey(String hex) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public BaseKey {
        Objects.requireNonNull(hex, "hex");
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a base key is 64 lowercase hex digits");
        }
    }

    /** The key of SHA-256 over {@code parts}, each followed by a NUL (no part can run into the next). */
    public static BaseKey of(Iterable<byte[]> parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (byte[] part : parts) {
            sha256.update(part);
            sha256.update((byte) 0);
        }
        return new BaseKey(HexFormat.of().formatHex(sha256.digest()));
    }

    /** This base as replayed somewhere more specific ({@code scope}: a server version, a login…). */
    public BaseKey within(String scope) {
        return of(java.util.List.of(hex.getBytes(StandardCharsets.US_ASCII), scope.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first 12 digits, for people: enough to tell entries apart in a listing. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return shortHex();
    }
}
