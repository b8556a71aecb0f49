package io.schemagate.core.policy;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
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

    /** Whether a finding of this severity fails the gate. */
    public boolean reaches(Severity severity) {
        return switch (this) {
            case ERROR -> severity == Severity.ERROR;
            case WARNING -> severity == Severity.ERROR || severity == Severity.WARNING;
            case NEVER -> false;
        };
    }

    /** Whether these findings fail the gate. */
    public boolean fails(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> reaches(d.severity()));
    }

    /** The decision on these findings, with the counts that explain it. */
    public GateVerdict verdict(List<Diagnostic> diagnostics) {
        return new GateVerdict(this, fails(diagnostics), count(diagnostics, Severity.ERROR),
                count(diagnostics, Severity.WARNING));
    }

    private static long count(List<Diagnostic> diagnostics, Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
