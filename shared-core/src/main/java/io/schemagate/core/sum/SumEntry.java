package io.schemagate.core.sum;

import java.util.Objects;

/**
 * One line after the first of {@code atlas.sum}: {@code <name> h1:<hash>}.
 *
 * @param name file name relative to the migration directory
 * @param hash cumulative digest without the {@code h1:} prefix; 44 Base64 characters when computed, but
 *             kept verbatim when parsed (Atlas accepts any text there as long as line 1 agrees)
 */
public record SumEntry(String name, String hash) {

    public SumEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hash, "hash");
    }
}
