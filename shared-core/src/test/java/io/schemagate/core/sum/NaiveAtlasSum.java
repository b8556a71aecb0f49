package io.schemagate.core.sum;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * A second, deliberately naive implementation of rules.md §4.2 for cross-checks: every entry is one SHA-256 over
 * the concatenated names and contents so far, no running digest, no cloning.
 */
public final class NaiveAtlasSum {
    private NaiveAtlasSum() {
    }

    /** One file: its name, its bytes, and whether Atlas skips its content ({@code atlas:sum ignore}). */
    public record File(String name, byte[] bytes, boolean ignored) {
    }

    /** The exact text of the {@code atlas.sum} Atlas writes for these files, in this order. */
    public static String text(List<File> files) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        ByteArrayOutputStream global = new ByteArrayOutputStream();
        StringBuilder lines = new StringBuilder();
        for (File f : files) {
            prefix.writeBytes(f.name().getBytes(StandardCharsets.UTF_8));
            if (f.ignored()) {
                continue;
            }
            prefix.writeBytes(f.bytes());
            String hash = base64Sha256(prefix.toByteArray());
            lines.append(f.name()).append(" h1:").append(hash).append('\n');
            global.writeBytes(f.name().getBytes(StandardCharsets.UTF_8));
            global.writeBytes(hash.getBytes(StandardCharsets.US_ASCII));
        }
        return "h1:" + base64Sha256(global.toByteArray()) + "\n" + lines;
    }

    private static String base64Sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
