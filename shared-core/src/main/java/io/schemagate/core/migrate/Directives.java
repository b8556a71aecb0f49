package io.schemagate.core.migrate;

import java.util.List;

/**
 * What a file's header directives say (rules.md §6).
 *
 * @param headerEnd  char index where the header ends (0 without a header); comments before it belong to the file
 * @param txMode     {@code atlas:txmode}, or {@code null} when absent
 * @param delimiter  {@code atlas:delimiter} unescaped, or {@code null} when absent
 * @param sumIgnore  {@code atlas:sum ignore} on line 1
 * @param checkpoint {@code atlas:checkpoint} in the header
 * @param nolint     file-level {@code atlas:nolint} directives
 */
public record Directives(int headerEnd, TxMode txMode, String delimiter, boolean sumIgnore, boolean checkpoint,
                         List<Directive> nolint) {
    public Directives {
        nolint = List.copyOf(nolint);
    }
}
