package io.schemagate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle build step "Lint SQL migrations with schemagate": the common schemagateLint arguments as a form, run
 * and decided by the same LintInvocation as the pipeline step. {@code latest} is text here, as a form gives it.
 */
public class SchemagateLintBuilder extends Builder implements SimpleBuildStep {
    private String dir;
    private String dirFormat;
    private String devUrl;
    private String devUrlCredentialsId;
    private String dialect;
    private String gitBase;
    private String latest;
    private String config;
    private String failOn;
    private String gate;
    private String githubCredentialsId;
    private String gitlabCredentialsId;
    private Boolean comment;
    private Boolean suggestions;
    private String command;
    private String reportDir;

    @DataBoundConstructor
    public SchemagateLintBuilder() {
        // every field is optional, as in the pipeline step
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
    public String getDevUrlCredentialsId() {
        return devUrlCredentialsId;
    }

    @DataBoundSetter
    public void setDevUrlCredentialsId(@CheckForNull String devUrlCredentialsId) {
        this.devUrlCredentialsId = Util.fixEmptyAndTrim(devUrlCredentialsId);
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
    public String getLatest() {
        return latest;
    }

    @DataBoundSetter
    public void setLatest(@CheckForNull String latest) {
        this.latest = Util.fixEmptyAndTrim(latest);
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
    public String getGate() {
        return gate;
    }

    @DataBoundSetter
    public void setGate(@CheckForNull String gate) {
        this.gate = Util.fixEmptyAndTrim(gate);
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
    StepArguments arguments() {
        return new StepArguments()
                .put("dir", dir)
                .put("dirFormat", dirFormat)
                .put("devUrl", devUrl)
                .put("devUrlCredentialsId", devUrlCredentialsId)
                .put("dialect", dialect)
                .put("gitBase", gitBase)
                .put("latest", latest)
                .put("config", config)
                .put("failOn", failOn)
                .put("gate", gate)
                .put("githubCredentialsId", githubCredentialsId)
                .put("gitlabCredentialsId", gitlabCredentialsId)
                .put("comment", comment)
                .put("suggestions", suggestions)
                .put("command", command)
                .put("reportDir", reportDir);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        LintInvocation.run(arguments(), run, workspace, launcher, env, listener).applyTo(run, listener);
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes") // the signature Jenkins core declares
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Lint SQL migrations with schemagate";
        }
    }
}
