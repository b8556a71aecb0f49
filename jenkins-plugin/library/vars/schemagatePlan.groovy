import io.schemagate.jenkins.SchemagateCli
import io.schemagate.jenkins.StepRun

/**
 * Plans the migration that brings a directory to its desired schema (schema plan) on this agent, lints it as the new
 * files it would be, posts the plan on the pull or merge request this build is for (its own comment, beside lint's),
 * archives the plan, and marks the build by the gate like schemagateLint. Nothing is written to the directory.
 * Returns [exitCode, errors, warnings, statements, result].
 */
def call(Map args = [:]) {
    List<String> argv
    try {
        argv = SchemagateCli.planArguments(args)
    } catch (IllegalArgumentException e) {
        error(e.message) // a Jenkinsfile mistake: one line, no stack trace
    }
    String gate = SchemagateCli.gate(args)
    int exitCode = StepRun.sh(this, 'schemagatePlan', args, argv, SchemagateCli.planReports(args))
    if (args.archive != false) {
        archiveArtifacts(artifacts: SchemagateCli.planReports(args).join(','), allowEmptyArchive: true,
                followSymlinks: false)
    }
    String summaryFile = SchemagateCli.reportPath(args, SchemagateCli.PLAN_REPORTS.dotenv)
    Map<String, String> summary = fileExists(summaryFile) ? SchemagateCli.dotenv(readFile(summaryFile)) : null
    Map<String, String> outcome = SchemagateCli.planOutcome(exitCode, gate, summary)
    StepRun.mark(this, outcome)
    return [exitCode: exitCode, errors: (summary?.plan_errors ?: '0') as int,
            warnings: (summary?.plan_warnings ?: '0') as int, statements: (summary?.plan_statements ?: '0') as int,
            result: outcome.result]
}
