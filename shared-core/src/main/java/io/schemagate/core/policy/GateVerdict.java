package io.schemagate.core.policy;

/**
 * The gate's decision on a run's findings, made once ({@link FailOn#verdict}) and then only shown: the exit code
 * and the text report's verdict line both read it, so they cannot disagree.
 *
 * @param failOn   the threshold it was decided with
 * @param failed   whether a finding reached the threshold
 * @param errors   error-level findings
 * @param warnings warning-level findings
 */
public record GateVerdict(FailOn failOn, boolean failed, long errors, long warnings) {
}
