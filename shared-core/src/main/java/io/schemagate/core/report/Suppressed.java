package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;

/**
 * A finding an {@code atlas:nolint} directive suppressed, kept so reviewers see what was waved through and why.
 *
 * @param diagnostic the finding
 * @param reason     the directive's reason (after {@code " -- "}), blank when none was given
 */
public record Suppressed(Diagnostic diagnostic, String reason) {
}
