package io.schemagate.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;
import net.sf.json.JSONException;

/**
 * One schemagate lint, shared by the schemagateLint pipeline step and the freestyle build step: SchemagateCli turns the
 * arguments into the command line, the credentials and the result; this class only runs it and reads its reports.
 */
final class LintInvocation {
    static final String STEP = "schemagateLint";

    private LintInvocation() {}

    static LintOutcome run(StepArguments args, Run<?, ?> run, FilePath workspace, Launcher launcher, EnvVars env,
            TaskListener listener) throws IOException, InterruptedException {
        List<String> argv = args.lintArgv();
        String gate = args.gate();
        args.refuseLinkedReportDir(workspace);
        StepArguments.deleteReports(workspace, SchemagateCli.lintReports(args.asMap()));
        int exitCode = SchemagateProcess.run(STEP, args, argv, run, workspace, launcher, env, listener);

        Map<String, String> summary = args.readDotenv(workspace, report("dotenv"));
        attachFindings(args.reportPath(report("json")), workspace, run, listener);
        if (!args.isFalse("archive")) {
            archiveReports(args, workspace, launcher, run, listener);
        }
        if (args.isTrue("junit") || args.isTrue("warningsNg")) {
            // Those two call the junit and recordIssues steps in the shared library; the plugin shows the findings
            // on its own page instead and does not depend on either plugin.
            listener.getLogger().println(STEP + ": junit and warningsNg are shared-library options; record "
                    + args.reportPath(report("junit")) + " or " + args.reportPath(report("sarif"))
                    + " with the junit or recordIssues step");
        }
        Map<String, String> outcome = SchemagateCli.lintOutcome(exitCode, gate, summary);
        return new LintOutcome(exitCode, count(summary == null ? null : summary.get("errors")),
                count(summary == null ? null : summary.get("warnings")),
                outcome.get("result"), outcome.get("message"));
    }

    private static String report(String format) {
        return SchemagateCli.getLINT_REPORTS().get(format);
    }

    private static int count(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The findings page; a missing or unreadable report leaves the build alone (the exit code decides). */
    private static void attachFindings(String path, FilePath workspace, Run<?, ?> run, TaskListener listener)
            throws IOException, InterruptedException {
        FilePath json = workspace.child(path);
        if (!json.exists()) {
            return;
        }
        try {
            SchemagateReportAction.attach(run, path, ReportJson.findings(json.readToString()));
        } catch (JSONException e) {
            listener.getLogger().println(
                    STEP + ": " + path + " is not a JSON report, so no findings page: " + e.getMessage());
        }
    }

    /** Keeps the report files with the build, as the shared library's archiveArtifacts does. */
    private static void archiveReports(StepArguments args, FilePath workspace, Launcher launcher, Run<?, ?> run,
            TaskListener listener) throws IOException, InterruptedException {
        Map<String, String> artifacts = new LinkedHashMap<>();
        for (String path : SchemagateCli.lintReports(args.asMap())) {
            // Only files inside the workspace can be archived under their own path (judged on the controller).
            if (!new File(path).isAbsolute() && workspace.child(path).exists()) {
                artifacts.put(path, path);
            }
        }
        if (artifacts.isEmpty()) {
            return;
        }
        try {
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), artifacts);
        } catch (IOException e) { // the reports are a convenience: the exit code still decides the build
            listener.getLogger().println(STEP + ": could not archive the reports: " + e.getMessage());
        }
    }
}
