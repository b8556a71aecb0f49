package io.schemagate.core.sum;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The content of an {@code atlas.sum}: a global sum over ordered entries, byte-for-byte as Atlas writes it
 * (rules.md §4). Always consistent: {@link #sum()} is derived from {@link #entries()}.
 */
public final class SumFile {
    public static final String FILE_NAME = "atlas.sum";

    /**
     * Unsigned order of the UTF-8 bytes of names, as Go compares strings. {@code String.compareTo} differs
     * for characters above U+FFFF, which it sorts before U+E000..U+FFFF.
     */
    public static final Comparator<String> BYTE_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final String sum;
    private final List<SumEntry> entries;

    private SumFile(List<SumEntry> entries) {
        this.entries = List.copyOf(entries);
        this.sum = globalSum(this.entries);
    }

    /** A sum file over the given entries, in that order. */
    public static SumFile of(List<SumEntry> entries) {
        return new SumFile(entries);
    }

    /**
     * Hashes a directory (rules.md §4.2). One running SHA-256 covers every name and every non-ignored
     * content in order, so each entry also vouches for all files before it.
     */
    public static SumFile compute(List<SumInput> files) {
        MessageDigest running = sha256();
        List<SumEntry> entries = new ArrayList<>(files.size());
        for (SumInput file : files) {
            // The name is chained even for ignored files, so later entries still notice a rename or removal.
            running.update(file.name().getBytes(StandardCharsets.UTF_8));
            if (SumIgnore.isIgnored(file.bytes())) {
                continue;
            }
            running.update(file.bytes());
            entries.add(new SumEntry(file.name(), base64(snapshot(running))));
        }
        return new SumFile(entries);
    }

    /**
     * Reads an {@code atlas.sum} (rules.md §4.3).
     *
     * @param fileName how to name the file in error messages, e.g. {@code migrations/atlas.sum}
     * @throws SumFormatException a line after the first lacks {@code h1:}, or line 1 does not match the entries
     */
    public static SumFile parse(String fileName, byte[] bytes) throws SumFormatException {
        return SumFileParser.parse(fileName, bytes);
    }

    /** The global sum, 44 Base64 characters without {@code h1:}. */
    public String sum() {
        return sum;
    }

    public List<SumEntry> entries() {
        return entries;
    }

    /** The file as Atlas writes it: {@code h1:<sum>} then {@code <name> h1:<hash>} per entry, each ending in LF. */
    public String text() {
        StringBuilder text = new StringBuilder("h1:").append(sum).append('\n');
        for (SumEntry e : entries) {
            text.append(e.name()).append(" h1:").append(e.hash()).append('\n');
        }
        return text.toString();
    }

    public byte[] render() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** Atlas's {@code HashFile.Sum}: SHA-256 over each name followed by its hash text. */
    static String globalSum(List<SumEntry> entries) {
        MessageDigest g = sha256();
        for (SumEntry e : entries) {
            g.update(e.name().getBytes(StandardCharsets.UTF_8));
            g.update(e.hash().getBytes(StandardCharsets.UTF_8));
        }
        return base64(g.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    /** The digest so far, leaving the running state intact ({@code digest()} would reset it). */
    private static byte[] snapshot(MessageDigest running) {
        try {
            return ((MessageDigest) running.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SumFile other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
