package io.schemagate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code schemagateLint(dir: 'db/migrations', ...)}: lints a migration directory with the schemagate CLI on the agent
 * and marks the build by the gate. The named arguments are the shared library's (SchemagateCli.LINT_OPTIONS and
 * LINT_STEP_ARGUMENTS); it returns [exitCode, errors, warnings, result] like the library's step.
 */
public class SchemagateLintStep extends Step {
    private String dir;
    private String dirFormat;
    private String devUrl;
    private String dialect;
    private String gitBase;
    private String base;
    private Integer latest;
    private String config;
    private String failOn;
    private String statementTimeout;
    private String lockTimeout;
    private String networkTimeout;
    private String command;
    private String reportDir;
    private String gate;
    private Boolean comment;
    private Boolean suggestions;
    private Boolean devPrivileged;
    private String githubCredentialsId;
    private String gitlabCredentialsId;
    private String devUrlCredentialsId;
    private Boolean junit;
    private Boolean warningsNg;
    private Boolean archive;

    @DataBoundConstructor
    public SchemagateLintStep() {
        // every argument is optional, as in the shared library
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
    public String getDevUrl() {
        return devUrl;
    }

    @DataBoundSetter
    public void setDevUrl(@CheckForNull String devUrl) {
        this.devUrl = Util.fixEmptyAndTrim(devUrl);
    }

    @CheckForNull
    public String getDialect() {
        return dialect;
    }

    @DataBoundSetter
    public void setDialect(@CheckForNull String dialect) {
        this.dialect = Util.fixEmptyAndTrim(dialect);
    }

    @CheckForNull
    public String getGitBase() {
        return gitBase;
    }

    @DataBoundSetter
    public void setGitBase(@CheckForNull String gitBase) {
        this.gitBase = Util.fixEmptyAndTrim(gitBase);
    }

    @CheckForNull
    public String getBase() {
        return base;
    }

    @DataBoundSetter
    public void setBase(@CheckForNull String base) {
        this.base = Util.fixEmptyAndTrim(base);
    }

    @CheckForNull
    public Integer getLatest() {
        return latest;
    }

    @DataBoundSetter
    public void setLatest(@CheckForNull Integer latest) {
        this.latest = latest;
    }

    @CheckForNull
    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(@CheckForNull String config) {
        this.config = Util.fixEmptyAndTrim(config);
    }

    @CheckForNull
    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(@CheckForNull String failOn) {
        this.failOn = Util.fixEmptyAndTrim(failOn);
    }

    @CheckForNull
    public String getStatementTimeout() {
        return statementTimeout;
    }

    @DataBoundSetter
    public void setStatementTimeout(@CheckForNull String statementTimeout) {
        this.statementTimeout = Util.fixEmptyAndTrim(statementTimeout);
    }

    @CheckForNull
    public String getLockTimeout() {
        return lockTimeout;
    }

    @DataBoundSetter
    public void setLockTimeout(@CheckForNull String lockTimeout) {
        this.lockTimeout = Util.fixEmptyAndTrim(lockTimeout);
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
    public String getGate() {
        return gate;
    }

    @DataBoundSetter
    public void setGate(@CheckForNull String gate) {
        this.gate = Util.fixEmptyAndTrim(gate);
    }

    @CheckForNull
    public Boolean getComment() {
        return comment;
    }

    @DataBoundSetter
    public void setComment(@CheckForNull Boolean comment) {
        this.comment = comment;
    }

    @CheckForNull
    public Boolean getSuggestions() {
        return suggestions;
    }

    @DataBoundSetter
    public void setSuggestions(@CheckForNull Boolean suggestions) {
        this.suggestions = suggestions;
    }

    @CheckForNull
    public Boolean getDevPrivileged() {
        return devPrivileged;
    }

    @DataBoundSetter
    public void setDevPrivileged(@CheckForNull Boolean devPrivileged) {
        this.devPrivileged = devPrivileged;
    }

    @CheckForNull
    public String getGithubCredentialsId() {
        return githubCredentialsId;
    }

    @DataBoundSetter
    public void setGithubCredentialsId(@CheckForNull String githubCredentialsId) {
        this.githubCredentialsId = Util.fixEmptyAndTrim(githubCredentialsId);
    }

    @CheckForNull
    public String getGitlabCredentialsId() {
        return gitlabCredentialsId;
    }

    @DataBoundSetter
    public void setGitlabCredentialsId(@CheckForNull String gitlabCredentialsId) {
        this.gitlabCredentialsId = Util.fixEmptyAndTrim(gitlabCredentialsId);
    }

    @CheckForNull
    public String getDevUrlCredentialsId() {
        return devUrlCredentialsId;
    }

    @DataBoundSetter
    public void setDevUrlCredentialsId(@CheckForNull String devUrlCredentialsId) {
        this.devUrlCredentialsId = Util.fixEmptyAndTrim(devUrlCredentialsId);
    }

    @CheckForNull
    public Boolean getJunit() {
        return junit;
    }

    @DataBoundSetter
    public void setJunit(@CheckForNull Boolean junit) {
        this.junit = junit;
    }

    @CheckForNull
    public Boolean getWarningsNg() {
        return warningsNg;
    }

    @DataBoundSetter
    public void setWarningsNg(@CheckForNull Boolean warningsNg) {
        this.warningsNg = warningsNg;
    }

    @CheckForNull
    public Boolean getArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(@CheckForNull Boolean archive) {
        this.archive = archive;
    }
    StepArguments arguments() {
        return new StepArguments()
                .put("dir", dir)
                .put("dirFormat", dirFormat)
                .put("devUrl", devUrl)
                .put("dialect", dialect)
                .put("gitBase", gitBase)
                .put("base", base)
                .put("latest", latest)
                .put("config", config)
                .put("failOn", failOn)
                .put("statementTimeout", statementTimeout)
                .put("lockTimeout", lockTimeout)
                .put("networkTimeout", networkTimeout)
                .put("command", command)
                .put("reportDir", reportDir)
                .put("gate", gate)
                .put("comment", comment)
                .put("suggestions", suggestions)
                .put("devPrivileged", devPrivileged)
                .put("githubCredentialsId", githubCredentialsId)
                .put("gitlabCredentialsId", gitlabCredentialsId)
                .put("devUrlCredentialsId", devUrlCredentialsId)
                .put("junit", junit)
                .put("warningsNg", warningsNg)
                .put("archive", archive);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        // Not kept across a restart: a running CLI cannot be resumed, and this execution fails on resume.
        private final transient SchemagateLintStep step;

        Execution(SchemagateLintStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            LintOutcome outcome = LintInvocation.run(step.arguments(), run, context.get(FilePath.class),
                    context.get(Launcher.class), context.get(EnvVars.class), listener);
            if (outcome.isUnstable()) {
                // Marks the step's stage too, as the unstable step does, not only the build.
                context.get(FlowNode.class)
                        .addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(outcome.message()));
            }
            outcome.applyTo(run, listener);
            return outcome.asStepResult();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return LintInvocation.STEP;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Lint SQL migrations with schemagate";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Collections.unmodifiableSet(new HashSet<Class<?>>(Arrays.asList(
                    Run.class, FilePath.class, Launcher.class, EnvVars.class, TaskListener.class, FlowNode.class)));
        }
    }
}
