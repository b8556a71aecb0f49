package io.schemagate.core.policy;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The gate threshold: the lowest severity that fails the run. */
public enum FailOn {
    ERROR, WARNING, NEVER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FailOn> parse(String id) {
        return switch (id) {
            case "error" -> Optional.of(ERROR);
            case "warning" -> Optional.of(WARNING);
            case "never" -> Optional.of(NEVER);
            default -> Optional.empty();
        };
    }

    /** Whether these findings fail the gate. */
    public boolean fails(List<Diagnostic> diagnostics) {
        return switch (this) {
            case ERROR -> diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
            case WARNING -> diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR || d.severity() == Severity.WARNING);
            case NEVER -> false;
        };
    }
}
