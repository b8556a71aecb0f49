import io.schemagate.jenkins.SchemagateCli
import io.schemagate.jenkins.StepRun

/**
 * Lints a migration directory with the schemagate CLI on this agent: posts the review on the pull or merge request
 * this build is for (with the token from githubCredentialsId or gitlabCredentialsId), records the JUnit report,
 * archives the reports, and marks the build by the gate: FAILURE (gate: 'error', the default) or UNSTABLE
 * (gate: 'unstable'). Returns [exitCode, errors, warnings, result].
 */
def call(Map args = [:]) {
    List<String> argv
    try {
        argv = SchemagateCli.lintArguments(args)
    } catch (IllegalArgumentException e) {
        error(e.message) // a Jenkinsfile mistake: one line, no stack trace
    }
    String gate = SchemagateCli.gate(args)
    int exitCode = StepRun.sh(this, 'schemagateLint', args, argv, SchemagateCli.lintReports(args))
    String junitReport = SchemagateCli.reportPath(args, SchemagateCli.LINT_REPORTS.junit)
    if (args.junit != false && fileExists(junitReport)) {
        // The gate decides the result below, not the count of failed test cases.
        junit(testResults: junitReport, allowEmptyResults: true, skipMarkingBuildUnstable: true)
    }
    if (args.warningsNg == true) {
        recordIssues(tools: [sarif(id: 'schemagate', name: 'schemagate',
                pattern: SchemagateCli.reportPath(args, SchemagateCli.LINT_REPORTS.sarif))])
    }
    if (args.archive != false) {
        // The report files by name, never through a link: a pull request may commit anything next to them.
        archiveArtifacts(artifacts: SchemagateCli.archivePattern(args), allowEmptyArchive: true, followSymlinks: false)
    }
    String summaryFile = SchemagateCli.reportPath(args, SchemagateCli.LINT_REPORTS.dotenv)
    Map<String, String> summary = fileExists(summaryFile) ? SchemagateCli.dotenv(readFile(summaryFile)) : null
    Map<String, String> outcome = SchemagateCli.lintOutcome(exitCode, gate, summary)
    StepRun.mark(this, outcome)
    return [exitCode: exitCode, errors: (summary?.errors ?: '0') as int, warnings: (summary?.warnings ?: '0') as int,
            result: outcome.result]
}
