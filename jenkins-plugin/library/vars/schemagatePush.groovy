import io.schemagate.jenkins.SchemagateCli
import io.schemagate.jenkins.StepRun

/**
 * Pushes the reviewed migration directory to an OCI registry with the schemagate CLI: on the primary branch only, and
 * only while the build is successful (a change-request build, another branch or an UNSTABLE build logs why it skips;
 * onlyPrimary: false pushes from any branch, onlyIfSuccessful: false after an UNSTABLE lint too). Registry
 * credentials come from registryCredentialsId (username with password). Returns [ref, digest], or null when skipped.
 */
def call(Map args = [:]) {
    List<String> argv
    try {
        argv = SchemagateCli.pushArguments(args)
    } catch (IllegalArgumentException e) {
        error(e.message) // a Jenkinsfile mistake: one line, no stack trace
    }
    String skipped = SchemagateCli.pushSkipped(args,
            [CHANGE_ID: env.CHANGE_ID, BRANCH_NAME: env.BRANCH_NAME, BRANCH_IS_PRIMARY: env.BRANCH_IS_PRIMARY],
            currentBuild.currentResult as String)
    if (skipped != null) {
        echo(skipped)
        return null
    }
    String report = SchemagateCli.reportPath(args, SchemagateCli.PUSH_REPORT)
    int exitCode = StepRun.sh(this, 'schemagatePush', args, argv, [report])
    StepRun.mark(this, SchemagateCli.pushOutcome(exitCode)) // a push is SUCCESS or FAILURE
    Map<String, String> pushed = SchemagateCli.dotenv(readFile(report))
    return [ref: pushed.ref, digest: pushed.digest]
}
