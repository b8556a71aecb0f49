package io.schemagate.jenkins;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** schemagatePush in a real pipeline, with a fake CLI standing in for schemagate. */
@WithJenkins
class SchemagatePushStepTest {
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
    void changeRequestBuildDoesNotPush() throws Exception {
        WorkflowRun b = build(Result.SUCCESS, """
                withEnv(['CHANGE_ID=42']) {
                  def pushed = schemagatePush(command: '%s', to: 'oci://registry.example.com/shop/migrations')
                  echo "pushed=${pushed}"
                }
                """.formatted(FakeCli.COMMAND));
        r.assertLogContains("schemagatePush: not pushing from change request 42; only the primary branch pushes", b);
        r.assertLogContains("pushed=null", b);
        r.assertLogNotContains("fake schemagate", b);
    }

    @Test
    void primaryBuildPushesAndReturnsTheReference() throws Exception {
        WorkflowRun b = build(Result.SUCCESS, """
                def pushed = schemagatePush(command: '%s', to: 'oci://registry.example.com/shop/migrations')
                echo "ref=${pushed.ref} digest=${pushed.digest}"
                """.formatted(FakeCli.COMMAND));
        r.assertLogContains("fake schemagate push", b);
        r.assertLogContains("ref=registry.example.com/shop/migrations:abc123 digest=sha256:0123abcd", b);
    }

    @Test
    void missingDestinationFailsWithTheLibrarysExample() throws Exception {
        WorkflowRun b = build(Result.FAILURE, "schemagatePush(command: '" + FakeCli.COMMAND + "')");
        r.assertLogContains("schemagatePush: 'to' is required", b);
    }

    @Test
    void missingRegistryCredentialsFailWithTheirId() throws Exception {
        WorkflowRun b = build(Result.FAILURE, "schemagatePush(command: '" + FakeCli.COMMAND
                + "', to: 'oci://registry.example.com/shop/migrations', registryCredentialsId: 'no-such-login')");
        r.assertLogContains("'no-such-login'", b);
        r.assertLogNotContains("fake schemagate", b);
    }
}
