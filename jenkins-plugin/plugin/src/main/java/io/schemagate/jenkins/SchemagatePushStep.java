package io.schemagate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code schemagatePush(dir: 'db/migrations', to: 'oci://registry.example.com/shop/migrations')}: pushes the reviewed
 * directory to an OCI registry, on the primary branch only. The named arguments are the shared library's
 * (SchemagateCli.PUSH_OPTIONS and PUSH_STEP_ARGUMENTS; {@code tag} is one extra tag here, not a list). It returns
 * [ref, digest], or null when this build does not push.
 */
public class SchemagatePushStep extends Step {
    private String dir;
    private String dirFormat;
    private String to;
    private String networkTimeout;
    private String command;
    private String reportDir;
    private String tag;
    private Boolean insecure;
    private String registryCredentialsId;
    private Boolean onlyPrimary;
    private Boolean onlyIfSuccessful;

    @DataBoundConstructor
    public SchemagatePushStep() {
        // 'to' is required, but SchemagateCli.pushArguments says so (with an example), as for the library's step
    }

    @CheckForNull
    public String getDir() {
        return dir;
    }

    @DataBoundSetter
    public void setDir(@CheckForNull String dir) {
        this.dir = Util.fixEmptyAndTrim(dir);
    }

    @CheckForNull
    public String getDirFormat() {
        return dirFormat;
    }

    @DataBoundSetter
    public void setDirFormat(@CheckForNull String dirFormat) {
        this.dirFormat = Util.fixEmptyAndTrim(dirFormat);
    }

    @CheckForNull
    public String getTo() {
        return to;
    }

    @DataBoundSetter
    public void setTo(@CheckForNull String to) {
        this.to = Util.fixEmptyAndTrim(to);
    }

    @CheckForNull
    public String getNetworkTimeout() {
        return networkTimeout;
    }

    @DataBoundSetter
    public void setNetworkTimeout(@CheckForNull String networkTimeout) {
        this.networkTimeout = Util.fixEmptyAndTrim(networkTimeout);
    }

    @CheckForNull
    public String getCommand() {
        return command;
    }

    @DataBoundSetter
    public void setCommand(@CheckForNull String command) {
        this.command = Util.fixEmptyAndTrim(command);
    }

    @CheckForNull
    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(@CheckForNull String reportDir) {
        this.reportDir = Util.fixEmptyAndTrim(reportDir);
    }

    @CheckForNull
    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(@CheckForNull String tag) {
        this.tag = Util.fixEmptyAndTrim(tag);
    }

    @CheckForNull
    public Boolean getInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(@CheckForNull Boolean insecure) {
        this.insecure = insecure;
    }

    @CheckForNull
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(@CheckForNull String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    @CheckForNull
    public Boolean getOnlyPrimary() {
        return onlyPrimary;
    }

    @DataBoundSetter
    public void setOnlyPrimary(@CheckForNull Boolean onlyPrimary) {
        this.onlyPrimary = onlyPrimary;
    }

    @CheckForNull
    public Boolean getOnlyIfSuccessful() {
        return onlyIfSuccessful;
    }

    @DataBoundSetter
    public void setOnlyIfSuccessful(@CheckForNull Boolean onlyIfSuccessful) {
        this.onlyIfSuccessful = onlyIfSuccessful;
    }

    StepArguments arguments() {
        return new StepArguments()
                .put("dir", dir)
                .put("dirFormat", dirFormat)
                .put("to", to)
                .put("networkTimeout", networkTimeout)
                .put("command", command)
                .put("reportDir", reportDir)
                .put("tag", tag)
                .put("insecure", insecure)
                .put("registryCredentialsId", registryCredentialsId)
                .put("onlyPrimary", onlyPrimary)
                .put("onlyIfSuccessful", onlyIfSuccessful);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, String>> {
        private static final long serialVersionUID = 1L;
        // Not kept across a restart: a running CLI cannot be resumed, and this execution fails on resume.
        private final transient SchemagatePushStep step;

        Execution(SchemagatePushStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, String> run() throws Exception {
            StepContext context = getContext();
            return PushInvocation.run(step.arguments(), context.get(Run.class), context.get(FilePath.class),
                    context.get(Launcher.class), context.get(EnvVars.class), context.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return PushInvocation.STEP;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Push SQL migrations to an OCI registry with schemagate";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Collections.unmodifiableSet(new HashSet<Class<?>>(Arrays.asList(
                    Run.class, FilePath.class, Launcher.class, EnvVars.class, TaskListener.class)));
        }
    }
}
