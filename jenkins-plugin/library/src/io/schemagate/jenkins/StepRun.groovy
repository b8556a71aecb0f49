package io.schemagate.jenkins

/**
 * What every schemagate step does around the CLI, once: refuse a Windows agent, run the command (after removing the
 * reports an earlier build left) with the credentials bound, and mark the build as the outcome says.
 */
class StepRun implements Serializable {
    /** @return the CLI's exit code */
    static int sh(def steps, String step, Map args, List<String> argv, List<String> reports) {
        if (!steps.isUnix()) {
            steps.error(step + ': runs on Linux and macOS agents (sh); this agent is Windows')
        }
        String script = SchemagateCli.script(args, argv, reports)
        return CredentialBindings.around(steps, SchemagateCli.credentials(args)) {
            steps.sh(script: script, returnStatus: true)
        }
    }

    /** FAILURE stops the pipeline with the message; UNSTABLE marks the build and lets it go on. */
    static void mark(def steps, Map<String, String> outcome) {
        if (outcome.result == 'FAILURE') {
            steps.error(outcome.message)
        }
        if (outcome.result == 'UNSTABLE') {
            steps.unstable(outcome.message)
        }
    }
}
