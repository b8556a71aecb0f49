package io.schemagate.core.history;

import io.schemagate.core.testing.GitRepo;
import static io.schemagate.core.history.Histories.names;
import static io.schemagate.core.history.Histories.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neither flag: the change request's target from the CI environment, else the last file. The clone mimics a CI
 * checkout: origin/main is the target, the job runs on a feature branch that adds two files.
 */
class AutoTest {
    @TempDir
    Path tmp;
    GitRepo clone;
    Path migrations;
    String firstCommit;
    String branchPoint;

    @BeforeEach
    void ciCheckoutOfAFeatureBranch() {
        GitRepo work = GitRepo.init(tmp.resolve("work"));
        firstCommit = work.write("migrations/1_a.sql", "CREATE TABLE a (id int);\n").commit("a");
        branchPoint = work.write("migrations/2_b.sql", "CREATE TABLE b (id int);\n").commit("b");
        GitRepo origin = GitRepo.bare(tmp.resolve("origin.git"));
        work.git("push", "-q", origin.root.toString(), "main");

        clone = GitRepo.cloneOf(origin, tmp.resolve("clone"));
        clone.git("checkout", "-q", "-b", "feature");
        clone.write("migrations/3_c.sql", "CREATE TABLE c (id int);\n")
                .write("migrations/4_d.sql", "CREATE TABLE d (id int);\n")
                .commit("c and d");
        // The local main is deliberately stale and wrong, so a test passes only if origin/main is the one used.
        clone.git("branch", "-f", "main", firstCommit);
        migrations = clone.root.resolve("migrations");
    }

    @Test
    void gitHubPullRequestUsesOriginOfTheBaseRef() throws Exception {
        History history = resolve(migrations, "migrations", new NewFiles.Auto(), Map.of("GITHUB_BASE_REF", "main",
                "GITHUB_ACTIONS", "true", "CI", "true"));

        assertEquals(List.of("1_a.sql", "2_b.sql"), names(history.base()));
        assertEquals(List.of("3_c.sql", "4_d.sql"), names(history.added()));
        assertEquals("2 new files since the merge base of origin/main (" + branchPoint.substring(0, 7)
                + "), the target branch of this GitHub pull request", history.explanation());
    }

    @Test
    void gitHubFallsBackToTheLocalBranch() throws Exception {
        clone.git("branch", "-q", "release", branchPoint); // no origin/release exists

        History history = resolve(migrations, "migrations", new NewFiles.Auto(), Map.of("GITHUB_BASE_REF", "release"));

        assertEquals(List.of("3_c.sql", "4_d.sql"), names(history.added()));
        assertTrue(history.explanation().contains("the merge base of release ("), history.explanation());
    }

    @Test
    void gitLabPrefersTheDiffBaseSha() throws Exception {
        // The diff base says the merge request started at the first commit, so 2_b counts as new as well.
        History history = resolve(migrations, "migrations", new NewFiles.Auto(), Map.of(
                "CI_MERGE_REQUEST_DIFF_BASE_SHA", firstCommit, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"));

        assertEquals(List.of("1_a.sql"), names(history.base()));
        assertEquals(List.of("2_b.sql", "3_c.sql", "4_d.sql"), names(history.added()));
        assertEquals("3 new files since the merge base of CI_MERGE_REQUEST_DIFF_BASE_SHA (" + firstCommit.substring(0, 7)
                + "), the diff base of this GitLab merge request", history.explanation());
    }

    @Test
    void gitLabTargetBranchWithoutDiffBase() throws Exception {
        History history = resolve(migrations, "migrations", new NewFiles.Auto(),
                Map.of("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main", "GITLAB_CI", "true"));

        assertEquals(List.of("3_c.sql", "4_d.sql"), names(history.added()));
        assertEquals("2 new files since the merge base of origin/main (" + branchPoint.substring(0, 7)
                + "), the target branch of this GitLab merge request", history.explanation());
    }

    @Test
    void jenkinsChangeTarget() throws Exception {
        History history = resolve(migrations, "migrations", new NewFiles.Auto(), Map.of("CHANGE_TARGET", "main",
                "JENKINS_URL", "http://jenkins.invalid/"));

        assertEquals(List.of("3_c.sql", "4_d.sql"), names(history.added()));
        assertTrue(history.explanation().endsWith("the target branch of this Jenkins change request"),
                history.explanation());
    }

    @Test
    void outsideCiTheLastFile() throws Exception {
        History history = resolve(migrations, "migrations", new NewFiles.Auto(), Map.of());

        assertEquals(List.of("1_a.sql", "2_b.sql", "3_c.sql"), names(history.base()));
        assertEquals(List.of("4_d.sql"), names(history.added()));
        assertEquals("no --git-base or --latest and no CI context: linting the last file", history.explanation());
        assertEquals(List.of(), history.diagnostics());
    }

    @Test
    void aPushBuildIsNoChangeRequest() throws Exception {
        // GitHub defines GITHUB_BASE_REF as empty outside pull requests.
        History history = resolve(migrations, "migrations", new NewFiles.Auto(),
                Map.of("CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_BASE_REF", ""));

        assertEquals(List.of("4_d.sql"), names(history.added()));
        assertTrue(history.explanation().contains("no CI context"), history.explanation());
    }

    @Test
    void outsideCiNeedsNoRepository(@TempDir Path plain) throws Exception {
        java.nio.file.Files.writeString(plain.resolve("1_a.sql"), "SELECT 1;\n");
        java.nio.file.Files.writeString(plain.resolve("2_b.sql"), "SELECT 2;\n");

        History history = resolve(plain, "plain", new NewFiles.Auto(), Map.of());

        assertEquals(List.of("2_b.sql"), names(history.added()));
    }

    @Test
    void aPullRequestInAShallowCloneAsksForFullHistory() throws Exception {
        GitRepo origin = GitRepo.bare(tmp.resolve("origin2.git"));
        clone.git("push", "-q", origin.root.toString(), "feature", "refs/remotes/origin/main:refs/heads/main");
        GitRepo shallow = GitRepo.cloneOf(origin, tmp.resolve("shallow"), "--depth", "1", "--branch", "feature");

        HistoryException e = assertThrows(HistoryException.class, () -> resolve(shallow.root.resolve("migrations"),
                "migrations", new NewFiles.Auto(), Map.of("GITHUB_BASE_REF", "main")));

        assertTrue(e.getMessage().startsWith("origin/main or main (GITHUB_BASE_REF) is not in this shallow clone"),
                e.getMessage());
        assertTrue(e.getMessage().contains("actions/checkout `fetch-depth: 0`"), e.getMessage());
    }

    @Test
    void aTargetMissingFromAFullCloneSaysHowToFetchIt() {
        HistoryException e = assertThrows(HistoryException.class, () -> resolve(migrations, "migrations",
                new NewFiles.Auto(), Map.of("CHANGE_TARGET", "develop")));

        assertTrue(e.getMessage().contains("origin/develop (CHANGE_TARGET) does not name a commit"), e.getMessage());
        assertTrue(e.getMessage().contains("git fetch origin develop"), e.getMessage());
    }
}
