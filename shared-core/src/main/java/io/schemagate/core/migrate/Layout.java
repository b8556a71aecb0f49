package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import java.util.List;

/**
 * Which parts of a file run, as its format decides, and what is wrong with its format markers.
 *
 * @param regions     the parts that run, in order
 * @param diagnostics problems with markers (DI511, DI513)
 */
public record Layout(List<Region> regions, List<Diagnostic> diagnostics) {
    public Layout {
        regions = List.copyOf(regions);
        diagnostics = List.copyOf(diagnostics);
    }

    public static Layout whole(int length) {
        return new Layout(List.of(Region.whole(length)), List.of());
    }
}
