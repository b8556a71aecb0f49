package io.schemagate.jenkins;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a lint ended with: the CLI's exit code, the summary's counts, and the build result and reason that
 * SchemagateCli.lintOutcome gave for that exit code, gate and summary.
 */
record LintOutcome(int exitCode, int errors, int warnings, String result, String message) {

    boolean isUnstable() {
        return "UNSTABLE".equals(result);
    }

    /** Marks the build: FAILURE stops it (AbortException), UNSTABLE lets it go on. */
    void applyTo(Run<?, ?> run, TaskListener listener) throws AbortException {
        switch (result) {
            case "FAILURE" -> throw new AbortException(message);
            case "UNSTABLE" -> {
                listener.getLogger().println("WARNING: " + message);
                run.setResult(Result.UNSTABLE);
            }
            default -> listener.getLogger().println(message);
        }
    }

    /** The step's return value, as the shared library's schemagateLint returns it. */
    Map<String, Object> asStepResult() {
        Map<String, Object> value = new LinkedHashMap<>(); // serializable, for the pipeline's program state
        value.put("exitCode", exitCode);
        value.put("errors", errors);
        value.put("warnings", warnings);
        value.put("result", result);
        return value;
    }
}
