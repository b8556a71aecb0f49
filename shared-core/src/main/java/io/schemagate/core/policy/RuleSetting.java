package io.schemagate.core.policy;

import io.schemagate.core.diagnostic.Severity;
import java.util.Map;

/**
 * What {@code schemagate.yaml} says about one rule.
 *
 * @param severity the severity to use instead of the default, or {@code null} to keep it
 * @param options  rule-specific options (e.g. allow-patterns), as written; each analyzer reads its own
 */
public record RuleSetting(Severity severity, Map<String, Object> options) {
    public RuleSetting {
        options = Map.copyOf(options);
    }
}
