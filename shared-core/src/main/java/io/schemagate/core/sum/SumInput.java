package io.schemagate.core.sum;

import java.util.Objects;

/**
 * One file fed to {@link SumFile#compute}, in hashing order. The directory format decides which files and
 * in which order (rules.md §4.1).
 *
 * @param name  path relative to the migration directory, separated by {@code /}; hashed as UTF-8
 * @param bytes the raw content, hashed as is; not copied, so callers must not change it afterwards
 */
public record SumInput(String name, byte[] bytes) {

    public SumInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
    }
}
