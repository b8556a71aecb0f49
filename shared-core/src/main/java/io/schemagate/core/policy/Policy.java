package io.schemagate.core.policy;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lint policy: per-rule severities and options, the gate threshold, and whether suppressions need a reason.
 *
 * @param source        where it came from ({@code schemagate.yaml} path, or "defaults")
 * @param failOn        the gate threshold
 * @param requireReason whether {@code atlas:nolint} must give a reason
 * @param rules         settings by rule code
 */
public record Policy(String source, FailOn failOn, boolean requireReason, Map<String, RuleSetting> rules) {
    public static final Policy DEFAULTS = new Policy("defaults", FailOn.ERROR, false, Map.of());

    public Policy {
        rules = Map.copyOf(rules);
    }

    public Policy withFailOn(FailOn threshold) {
        return new Policy(source, threshold, requireReason, rules);
    }

    /** The severity the finding is reported with: the configured one, else its own; {@code OFF} drops it. */
    public Severity severityOf(Diagnostic d) {
        RuleSetting setting = rules.get(d.code());
        return setting == null || setting.severity() == null ? d.severity() : setting.severity();
    }

    /** The findings with configured severities; {@code off} ones are dropped. */
    public List<Diagnostic> apply(List<Diagnostic> diagnostics) {
        List<Diagnostic> out = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) {
            Severity severity = severityOf(d);
            if (severity != Severity.OFF) {
                out.add(severity == d.severity() ? d
                        : d.withSeverity(severity));
            }
        }
        return out;
    }
}
