package io.schemagate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One schemagate push, for the schemagatePush step; every decision is SchemagateCli's. */
final class PushInvocation {
    static final String STEP = "schemagatePush";
    private static final List<String> BRANCH_VARIABLES = List.of("CHANGE_ID", "BRANCH_NAME", "BRANCH_IS_PRIMARY");

    private PushInvocation() {}

    /** @return [ref, digest] of the pushed artifact, or null when this build does not push (the log says why) */
    @CheckForNull
    static Map<String, String> run(StepArguments args, Run<?, ?> run, FilePath workspace, Launcher launcher,
            EnvVars env, TaskListener listener) throws IOException, InterruptedException {
        List<String> argv = args.pushArgv();
        // The same three variables the shared library passes, so the decision cannot depend on anything else.
        Map<String, String> branch = new HashMap<>();
        for (String name : BRANCH_VARIABLES) {
            branch.put(name, env.get(name));
        }
        Result soFar = run.getResult(); // null while nothing has made it worse than SUCCESS
        String skipped = SchemagateCli.pushSkipped(args.asMap(), branch, soFar == null ? "SUCCESS" : soFar.toString());
        if (skipped != null) {
            listener.getLogger().println(skipped);
            return null;
        }
        String report = args.reportPath(SchemagateCli.getPUSH_REPORT());
        args.refuseLinkedReportDir(workspace);
        StepArguments.deleteReports(workspace, List.of(report));
        int exitCode = SchemagateProcess.run(STEP, args, argv, run, workspace, launcher, env, listener);
        Map<String, String> outcome = SchemagateCli.pushOutcome(exitCode);
        if (!"SUCCESS".equals(outcome.get("result"))) {
            throw new AbortException(outcome.get("message"));
        }
        Map<String, String> pushed = args.readDotenv(workspace, SchemagateCli.getPUSH_REPORT());
        if (pushed == null) {
            throw new AbortException(STEP + ": schemagate pushed but wrote no " + report);
        }
        Map<String, String> value = new LinkedHashMap<>(); // serializable, for the pipeline's program state
        value.put("ref", pushed.get("ref"));
        value.put("digest", pushed.get("digest"));
        return value;
    }
}
