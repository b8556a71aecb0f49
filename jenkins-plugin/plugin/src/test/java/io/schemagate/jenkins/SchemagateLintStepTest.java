package io.schemagate.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.Functions;
import hudson.model.Result;
import hudson.util.Secret;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** schemagateLint in a real pipeline, with a fake CLI standing in for schemagate. */
@WithJenkins
class SchemagateLintStepTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        assumeFalse(Functions.isWindows(), "the fake CLI is a POSIX shell script");
        r = rule;
    }

    private WorkflowRun build(Result expected, String body) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(FakeCli.pipeline(body), true));
        return r.buildAndAssertStatus(expected, job);
    }

    @Test
    void passingLintSucceedsReturnsTheSummaryAndKeepsTheFindings() throws Exception {
        WorkflowRun b = build(Result.SUCCESS, """
                def lint = schemagateLint(command: '%s', dir: 'db')
                echo "result=${lint.result} exit=${lint.exitCode} errors=${lint.errors} warnings=${lint.warnings}"
                """.formatted(FakeCli.COMMAND));
        r.assertLogContains("fake schemagate lint: token=", b);
        r.assertLogContains("result=SUCCESS exit=0 errors=1 warnings=0", b);
        r.assertLogContains("schemagateLint: passed", b);

        SchemagateReportAction report = b.getAction(SchemagateReportAction.class);
        assertThat(report, notNullValue());
        assertThat(report.getUrlName(), is("schemagate"));
        assertThat(report.getReport(), is("schemagate-reports/report.json"));
        List<Finding> findings = report.getFindings();
        assertThat(findings, hasSize(1));
        Finding finding = findings.get(0);
        assertThat(finding.getFile() + ":" + finding.getLine() + " " + finding.getCode() + " " + finding.getSeverity(),
                is("db/2_drop.sql:3 DS103 error"));
        assertThat(finding.getMessage(), is("dropping column <b>email</b> loses its data"));

        assertThat(b.getArtifactManager().root().child("schemagate-reports").child("report.json").isFile(), is(true));
    }

    @Test
    void findingsPageEscapesWhatTheMigrationsSay() throws Exception {
        WorkflowRun b = build(Result.SUCCESS, "schemagateLint(command: '" + FakeCli.COMMAND + "')");
        String html = r.createWebClient().getPage(b, "schemagate").getWebResponse().getContentAsString();
        assertThat(html, containsString("DS103"));
        assertThat(html, containsString("dropping column &lt;b&gt;email&lt;/b&gt; loses its data"));
    }

    @Test
    void failedGateMarksTheBuildUnstableWhenAskedAndGoesOn() throws Exception {
        WorkflowRun b = build(Result.UNSTABLE, """
                def lint = schemagateLint(command: 'env FAKE_EXIT=1 %s', gate: 'unstable')
                echo "after lint: ${lint.result}"
                """.formatted(FakeCli.COMMAND));
        r.assertLogContains("schemagateLint: the gate failed (exit 1)", b);
        r.assertLogContains("after lint: UNSTABLE", b);
    }

    @Test
    void failedGateFailsTheBuildByDefault() throws Exception {
        WorkflowRun b = build(Result.FAILURE, """
                schemagateLint(command: 'env FAKE_EXIT=1 %s')
                echo 'after lint'
                """.formatted(FakeCli.COMMAND));
        r.assertLogContains("schemagateLint: the gate failed (exit 1)", b);
        r.assertLogNotContains("after lint", b);
    }

    @Test
    void environmentFailureFailsTheBuildEvenWithAnUnstableGate() throws Exception {
        WorkflowRun b = build(Result.FAILURE,
                "schemagateLint(command: 'env FAKE_EXIT=3 " + FakeCli.COMMAND + "', gate: 'unstable')");
        r.assertLogContains("schemagateLint: the database, registry or network failed (exit 3)", b);
    }

    @Test
    void badArgumentFailsWithTheLibrarysMessageBeforeRunning() throws Exception {
        WorkflowRun b = build(Result.FAILURE, "schemagateLint(command: '" + FakeCli.COMMAND + "', gate: 'warn')");
        r.assertLogContains("schemagateLint: gate must be one of error, unstable, not 'warn'", b);
        r.assertLogNotContains("fake schemagate", b);
    }

    @Test
    void missingCredentialsFailWithTheirIdBeforeRunning() throws Exception {
        WorkflowRun b = build(Result.FAILURE,
                "schemagateLint(command: '" + FakeCli.COMMAND + "', githubCredentialsId: 'no-such-token')");
        r.assertLogContains("'no-such-token'", b);
        r.assertLogNotContains("fake schemagate", b);
    }

    @Test
    void boundSecretReachesTheCliButNeverTheLog() throws Exception {
        String secret = "s3cr3t-github-t0ken";
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "github-token", "test token", Secret.fromString(secret)));
        WorkflowRun b = build(Result.SUCCESS,
                "schemagateLint(command: '" + FakeCli.COMMAND + "', githubCredentialsId: 'github-token')");
        r.assertLogContains("fake schemagate lint: token=****", b);
        r.assertLogNotContains(secret, b);
    }
}
