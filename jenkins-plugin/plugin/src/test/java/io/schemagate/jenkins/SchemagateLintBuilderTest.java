package io.schemagate.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step: the same LintInvocation as the pipeline step, configured by a form. */
@WithJenkins
class SchemagateLintBuilderTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    private FreeStyleProject project(SchemagateLintBuilder lint) throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        // Writes the fake CLI into the workspace first, as the pipeline tests' writeFile does.
        project.getBuildersList().add(new Shell("cat > " + FakeCli.FILE + " <<'END_OF_FAKE_CLI'\n" + FakeCli.SCRIPT
                + "END_OF_FAKE_CLI\n"));
        project.getBuildersList().add(lint);
        return project;
    }

    @Test
    void unstableGateMarksTheBuildUnstableAndKeepsTheFindings() throws Exception {
        assumeFalse(Functions.isWindows(), "the fake CLI is a POSIX shell script");
        SchemagateLintBuilder lint = new SchemagateLintBuilder();
        lint.setCommand("env FAKE_EXIT=1 " + FakeCli.COMMAND);
        lint.setGate("unstable");
        FreeStyleBuild b = r.buildAndAssertStatus(Result.UNSTABLE, project(lint));
        r.assertLogContains("schemagateLint: the gate failed (exit 1)", b);
        assertThat(b.getAction(SchemagateReportAction.class).getFindings(), hasSize(1));
    }

    @Test
    void failedGateFailsTheBuildByDefault() throws Exception {
        assumeFalse(Functions.isWindows(), "the fake CLI is a POSIX shell script");
        SchemagateLintBuilder lint = new SchemagateLintBuilder();
        lint.setCommand("env FAKE_EXIT=1 " + FakeCli.COMMAND);
        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, project(lint));
        r.assertLogContains("schemagateLint: the gate failed (exit 1)", b);
    }

    @Test
    void formKeepsEveryField() throws Exception {
        SchemagateLintBuilder lint = new SchemagateLintBuilder();
        lint.setDir("db/migrations");
        lint.setDirFormat("flyway");
        lint.setDevUrl("postgres://postgres@db:5432/postgres");
        lint.setGate("unstable");
        lint.setLatest("2");
        lint.setGithubCredentialsId("github-token");
        lint.setComment(false);
        lint.setSuggestions(true);
        lint.setCommand("java -jar /opt/schemagate.jar");
        r.assertEqualDataBoundBeans(lint, r.configRoundtrip(lint));
    }
}
