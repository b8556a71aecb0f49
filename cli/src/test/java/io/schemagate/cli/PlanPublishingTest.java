package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.testing.LocalPostgres;
import io.schemagate.github.testing.FakeGitHub;
import io.schemagate.gitlab.testing.FakeGitLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema plan} on the pull and merge requests it runs for, against the same local fake servers as lint's
 * publishing: its own comment (note) beside lint's, created once and updated in place, an in-sync run saying so where
 * there is a comment and posting nothing where there is none.
 */
class PlanPublishingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN_MARKER = "<!-- schemagate-plan:";
    /** After the pull request's drop, the directory ends with users (id): this adds a column. */
    private static final String ADD_EMAIL = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n";
    private static final String IN_SYNC = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
    /**
     * The pull request's migration, versioned as migrate diff versions files: the planned file sorts after it, as the
     * planner expects (after a file {@code 2_…}, a timestamp would run first in text order).
     */
    private static final String NEW_FILE = "db/migrations/20250101000000_drop_name.sql";
    private static final String DROP_USERS = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";

    @BeforeAll
    static void server() {
        LocalPostgres.require();
    }

    @Nested
    class OnGithub {
        private static final int PR = PullRequestScenario.PR;

        @TempDir
        Path temp;

        /** The action's environment for {@code schema plan}, the desired schema at {@code db/schema.sql}. */
        private Map<String, String> plan(PullRequestScenario pr) {
            Map<String, String> env = pr.env(pr.workspace.toString(), pr.files.toString(), pr.workspace.toString());
            env.put("INPUT_COMMAND", "schema plan");
            env.put("INPUT_TO", "file://db/schema.sql");
            return env;
        }

        private void desired(PullRequestScenario pr, String sql) throws IOException {
            Files.writeString(pr.workspace.resolve("db/schema.sql"), sql);
        }

        private static List<FakeGitHub.IssueComment> planComments(FakeGitHub github) {
            return github.issueComments(PR).stream().filter(c -> c.body().startsWith(PLAN_MARKER)).toList();
        }

        @Test
        void planCommentsBesideLintsAndAReRunUpdatesIt() throws Exception {
            try (PullRequestScenario pr = new PullRequestScenario(temp, "", NEW_FILE)) {
                Map<String, String> lintEnv = pr.env(pr.workspace.toString(), pr.files.toString(), pr.workspace.toString());
                assertEquals(1, GithubActionTest.action(lintEnv).exitCode());
                String lintComment = pr.github.issueComments(PR).get(0).body();
                desired(pr, ADD_EMAIL);

                CliRun run = GithubActionTest.action(plan(pr));

                assertEquals(0, run.exitCode(), run.toString());
                assertTrue(run.err().contains("schemagate: running \"schema plan --dir " + pr.workspace.resolve("db/migrations")),
                        run.err());
                assertEquals(2, pr.github.issueComments(PR).size());
                assertEquals(lintComment, pr.github.issueComments(PR).get(0).body(), "lint's comment is left alone");
                FakeGitHub.IssueComment plan = planComments(pr.github).get(0);
                assertTrue(plan.body().startsWith(PLAN_MARKER + pr.workspace.resolve("db/migrations") + " -->\n\n✅ **1"
                        + " statement in 1 file** would bring "), plan.body());
                assertTrue(plan.body().contains("the gate passes (0 errors"), plan.body());
                assertTrue(plan.body().contains("\n```sql\n"), plan.body());
                assertTrue(plan.body().contains("ALTER TABLE public.users ADD COLUMN email text;\n"), plan.body());
                assertTrue(run.err().contains("schemagate: pull request #7: plan comment "), run.err());
                assertTrue(pr.github.reviews(PR).size() == 1, "no review of its own: only lint's");

                Map<String, String> outputs = pr.outputs();
                assertEquals("0", outputs.get("errors"));
                assertTrue(outputs.get("comment-url").endsWith("#issuecomment-" + plan.id()), outputs.get("comment-url"));
                JsonNode report = JSON.readTree(pr.workspace.resolve(outputs.get("report")).toFile());
                assertFalse(report.get("inSync").asBoolean());
                assertTrue(pr.summary().contains(PLAN_MARKER) && pr.summary().contains("ADD COLUMN email text"),
                        pr.summary());

                pr.github.clearRequests();
                CliRun again = GithubActionTest.action(plan(pr));
                assertEquals(0, again.exitCode(), again.toString());
                assertEquals(List.of("PATCH"), pr.github.mutations().stream().map(FakeGitHub.Request::method).toList());
                assertEquals(2, pr.github.issueComments(PR).size());

                // Lint again: it updates its own comment, not the plan's.
                assertEquals(1, GithubActionTest.action(lintEnv).exitCode());
                assertEquals(2, pr.github.issueComments(PR).size());
                assertEquals(1, planComments(pr.github).size());
                assertTrue(planComments(pr.github).get(0).body().contains("ADD COLUMN email"));

                desired(pr, IN_SYNC);
                CliRun inSync = GithubActionTest.action(plan(pr));
                assertEquals(0, inSync.exitCode(), inSync.toString());
                assertEquals(2, pr.github.issueComments(PR).size());
                String updated = planComments(pr.github).get(0).body();
                assertTrue(updated.contains("✅ **In sync**"), updated);
                assertFalse(updated.contains("```"), updated);
                assertEquals(plan.id(), planComments(pr.github).get(0).id());
            }
        }

        @Test
        void anInSyncRunPostsNothingWhereThereIsNoPlanComment() throws Exception {
            try (PullRequestScenario pr = new PullRequestScenario(temp, "", NEW_FILE)) {
                desired(pr, IN_SYNC);
                CliRun run = GithubActionTest.action(plan(pr));
                assertEquals(0, run.exitCode(), run.toString());
                assertEquals(List.of(), pr.github.issueComments(PR));
                assertEquals(List.of(), pr.github.mutations());
                assertTrue(run.err().contains("schemagate: pull request #7: no plan comment"), run.err());
                assertEquals("", pr.outputs().get("comment-url"));
                assertTrue(pr.summary().contains("✅ **In sync**"), pr.summary());
            }
        }

        @Test
        void aFailingPlanFailsTheCheckAndItsSecretsStayHidden() throws Exception {
            try (PullRequestScenario pr = new PullRequestScenario(temp, "", NEW_FILE)) {
                // The column's name is the dev database's password: the comment must not show it, even in the SQL.
                desired(pr, DROP_USERS.replace(");", ", \"S3cretPass\" text);"));
                Map<String, String> env = plan(pr);
                env.put("INPUT_DEV-URL", "postgres://postgres:S3cretPass@127.0.0.1:5432/postgres");

                CliRun run = GithubActionTest.action(env);

                assertEquals(1, run.exitCode(), run.toString());
                String body = planComments(pr.github).get(0).body();
                assertTrue(body.startsWith(PLAN_MARKER) && body.contains("the gate **fails**"), body);
                assertTrue(body.contains("DROP TABLE public.users"), body);
                assertTrue(body.contains("### Lint\n\n#### "), body);
                assertTrue(body.contains("\"****\" text"), body);
                assertFalse((body + run.out() + run.err() + pr.summary()).contains("S3cretPass"), body);
                assertTrue(Integer.parseInt(pr.outputs().get("errors")) > 0, pr.outputs().toString());

                Map<String, String> noToken = plan(pr);
                noToken.put("INPUT_GITHUB-TOKEN", "");
                desired(pr, ADD_EMAIL);
                pr.github.clearRequests();
                CliRun without = GithubActionTest.action(noToken);
                assertEquals(0, without.exitCode(), without.toString());
                assertTrue(without.out().contains("::warning title=schemagate::no github-token: nothing was posted on pull"
                        + " request #7"), without.out());
                assertEquals(List.of(), pr.github.requests());
            }
        }

        @Test
        void commentOffPostsNothingButTheSummaryStands() throws Exception {
            try (PullRequestScenario pr = new PullRequestScenario(temp, "", NEW_FILE)) {
                desired(pr, ADD_EMAIL);
                Map<String, String> env = plan(pr);
                env.put("INPUT_COMMENT", "false");
                CliRun run = GithubActionTest.action(env);
                assertEquals(0, run.exitCode(), run.toString());
                assertEquals(List.of(), pr.github.requests());
                assertTrue(pr.summary().contains("ADD COLUMN email text"), pr.summary());
            }
        }
    }

    @Nested
    class OnGitlab {
        @TempDir
        Path temp;

        private CliRun plan(MergeRequestScenario mr, Map<String, String> env) {
            return CliRun.in(env, "schema", "plan", "--dir", mr.dir.toString(), "--dev-url", LocalPostgres.URL, "--to",
                    "file://" + mr.repo.root.resolve("db/schema.sql"), "--report",
                    "dotenv=" + temp.resolve("schemagate-plan.env"));
        }

        private void desired(MergeRequestScenario mr, String sql) {
            mr.repo.write("db/schema.sql", sql);
        }

        private static List<FakeGitLab.Note> summaries(FakeGitLab gitlab) {
            return gitlab.notes(MergeRequestScenario.IID).stream().filter(n -> n.path() == null).toList();
        }

        @Test
        void thePlanNoteSitsBesideLintsAndIsUpdatedInPlace() throws IOException {
            try (MergeRequestScenario mr = new MergeRequestScenario(temp.resolve("project"), NEW_FILE)) {
                Map<String, String> env = mr.pipeline(MergeRequestScenario.TOKEN);
                CliRun lint = CliRun.in(env, "migrate", "lint", "--dir", mr.dir.toString(), "--dev-url", LocalPostgres.URL);
                assertEquals(1, lint.exitCode(), lint.toString());
                desired(mr, ADD_EMAIL);

                CliRun run = plan(mr, env);

                assertEquals(0, run.exitCode(), run.toString());
                assertTrue(run.err().contains("schemagate: merge request !3: plan note " + mr.gitlab.serverUrl()
                        + "/acme/shop/-/merge_requests/3#note_"), run.toString());
                List<FakeGitLab.Note> notes = summaries(mr.gitlab);
                assertEquals(2, notes.size(), notes.toString());
                assertTrue(notes.get(0).body().startsWith("<!-- schemagate:db/migrations -->"), notes.get(0).body());
                FakeGitLab.Note plan = notes.get(1);
                // The marker names the directory as the repository does, whatever the runner's path.
                assertTrue(plan.body().startsWith("<!-- schemagate-plan:db/migrations -->\n\n✅ **1 statement in 1 file**"),
                        plan.body());
                assertTrue(plan.body().contains("```sql\n") && plan.body().contains("ADD COLUMN email text;"), plan.body());
                assertEquals(1, mr.gitlab.threads(MergeRequestScenario.IID).size(), "lint's threads only");
                assertEquals("plan_errors=0\nplan_warnings=0\nplan_statements=1\n", Files.readString(temp.resolve("schemagate-plan.env")));

                CliRun again = plan(mr, env);
                assertEquals(0, again.exitCode(), again.toString());
                assertEquals(2, summaries(mr.gitlab).size(), "one plan note");
                CliRun relint = CliRun.in(env, "migrate", "lint", "--dir", mr.dir.toString(), "--dev-url", LocalPostgres.URL);
                assertEquals(1, relint.exitCode(), relint.toString());
                assertEquals(2, summaries(mr.gitlab).size());
                assertTrue(summaries(mr.gitlab).get(1).body().contains("ADD COLUMN email"), "lint left the plan's note");

                desired(mr, IN_SYNC);
                CliRun inSync = plan(mr, env);
                assertEquals(0, inSync.exitCode(), inSync.toString());
                List<FakeGitLab.Note> after = summaries(mr.gitlab);
                assertEquals(2, after.size());
                assertEquals(plan.id(), after.get(1).id());
                assertTrue(after.get(1).body().contains("✅ **In sync**"), after.get(1).body());
                assertEquals("plan_errors=0\nplan_warnings=0\nplan_statements=0\n", Files.readString(temp.resolve("schemagate-plan.env")));
            }
        }

        @Test
        void inSyncPostsNoNoteAndTheJobTokenIsExplained() {
            try (MergeRequestScenario mr = new MergeRequestScenario(temp.resolve("project"), NEW_FILE)) {
                desired(mr, IN_SYNC);
                CliRun run = plan(mr, mr.pipeline(MergeRequestScenario.TOKEN));
                assertEquals(0, run.exitCode(), run.toString());
                assertEquals(List.of(), summaries(mr.gitlab));
                assertTrue(run.err().contains("schemagate: merge request !3: no plan note"), run.toString());

                desired(mr, DROP_USERS);
                mr.gitlab.clearRequests();
                CliRun jobToken = plan(mr, mr.pipeline(null));
                assertEquals(1, jobToken.exitCode(), "the gate stands: " + jobToken);
                assertTrue(jobToken.err().contains("schemagate: warning: CI_JOB_TOKEN cannot post notes on merge request"
                        + " !3"), jobToken.toString());
                assertEquals(List.of(), mr.gitlab.requests());
            }
        }

        /** As for lint: a dev password that is a word of the marker must not mask it. */
        @Test
        void aDevPasswordThatIsAWordOfTheMarkerDoesNotMaskIt() {
            try (MergeRequestScenario mr = new MergeRequestScenario(temp.resolve("project"), NEW_FILE)) {
                desired(mr, ADD_EMAIL);
                Map<String, String> env = new HashMap<>(mr.pipeline(MergeRequestScenario.TOKEN));
                String devUrl = "postgres://postgres:schemagate@127.0.0.1:5432/postgres?sslmode=disable";
                String[] args = {"schema", "plan", "--dir", mr.dir.toString(), "--dev-url", devUrl, "--to",
                    "file://" + mr.repo.root.resolve("db/schema.sql")};
                assertEquals(0, CliRun.in(env, args).exitCode());
                assertEquals(0, CliRun.in(env, args).exitCode());
                List<FakeGitLab.Note> notes = summaries(mr.gitlab);
                assertEquals(1, notes.size(), notes.toString());
                assertTrue(notes.get(0).body().startsWith("<!-- schemagate-plan:db/migrations -->"), notes.get(0).body());
            }
        }
    }
}
