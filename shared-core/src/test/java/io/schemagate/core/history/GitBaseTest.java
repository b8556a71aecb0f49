package io.schemagate.core.history;

import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.migrate.FlywayFormat;
import io.schemagate.core.migrate.GolangMigrateFormat;
import io.schemagate.core.testing.GitRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.schemagate.core.history.Histories.located;
import static io.schemagate.core.history.Histories.names;
import static io.schemagate.core.history.Histories.only;
import static io.schemagate.core.history.Histories.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --git-base REF} on real repositories: new files since the merge base, and the history checks. */
class GitBaseTest {
    @TempDir
    Path tmp;
    GitRepo repo;
    Path migrations;
    String branchPoint;

    /** main: 1_a, 2_b, 3_c in two commits; then a feature branch is checked out. */
    @BeforeEach
    void repositoryWithFeatureBranch() {
        repo = GitRepo.init(tmp.resolve("repo"));
        migrations = repo.root.resolve("migrations");
        repo.write("migrations/1_a.sql", "CREATE TABLE a (id int);\n").commit("a");
        repo.write("migrations/2_b.sql", "CREATE TABLE b (id int);\n")
                .write("migrations/3_c.sql", "-- c\nCREATE TABLE c (\n  id int\n);\n")
                .commit("b and c");
        branchPoint = repo.git("rev-parse", "HEAD");
        repo.git("checkout", "-q", "-b", "feature");
    }

    @Test
    void filesAddedOnTheBranchAreNew() throws Exception {
        repo.write("migrations/4_d.sql", "CREATE TABLE d (id int);\n").commit("d");
        repo.write("migrations/5_e.sql", "CREATE TABLE e (id int);\n").commit("e");

        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("1_a.sql", "2_b.sql", "3_c.sql"), names(history.base()));
        assertEquals(List.of("4_d.sql", "5_e.sql"), names(history.added()));
        assertEquals(List.of(), history.diagnostics());
        assertEquals("2 new files since the merge base of main (" + branchPoint.substring(0, 7) + ")",
                history.explanation());
    }

    @Test
    void theMergeBaseCountsNotTheTipOfTheRef() throws Exception {
        repo.write("migrations/4_d.sql", "CREATE TABLE d (id int);\n").commit("d on the branch");
        repo.git("checkout", "-q", "main");
        // main moves on after the branch point: its new file is not on the branch, and that is no deletion.
        repo.write("migrations/4_x.sql", "CREATE TABLE x (id int);\n").commit("x on main");
        repo.git("checkout", "-q", "feature");

        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("4_d.sql"), names(history.added()));
        assertEquals(List.of(), history.diagnostics());
        assertTrue(history.explanation().contains(branchPoint.substring(0, 7)), history.explanation());
    }

    @Test
    void uncommittedFilesAreNewToo() throws Exception {
        repo.write("migrations/4_d.sql", "CREATE TABLE d (id int);\n"); // untracked, not even staged

        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("4_d.sql"), names(history.added()));
        assertEquals("1 new file since the merge base of main (" + branchPoint.substring(0, 7) + ")",
                history.explanation());
    }

    @Test
    void noChangeMeansNoNewFiles() throws Exception {
        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("1_a.sql", "2_b.sql", "3_c.sql"), names(history.base()));
        assertEquals(List.of(), history.added());
        assertTrue(history.explanation().startsWith("no new files since the merge base of main"), history.explanation());
    }

    @Test
    void aNewFileSortingBeforeTheNewestBaseFileIsNonLinear() throws Exception {
        repo.write("migrations/2_a_late.sql", "CREATE TABLE late (id int);\n")
                .write("migrations/4_d.sql", "CREATE TABLE d (id int);\n")
                .commit("one file inserted in the past, one after");

        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("2_a_late.sql", "4_d.sql"), names(history.added()));
        assertEquals(List.of("1_a.sql", "2_b.sql", "3_c.sql"), names(history.base()));
        assertEquals(List.of("DI506 migrations/2_a_late.sql:1"), located(history));
        var di506 = only(history, "DI506");
        assertEquals(Severity.ERROR, di506.severity());
        assertTrue(di506.message().contains("sorts before 3_c.sql"), di506.message());
        assertTrue(di506.message().contains("rename it to sort after 3_c.sql"), di506.message());
    }

    @Test
    void anEditedBaseFileIsReportedAndLinted() throws Exception {
        repo.write("migrations/3_c.sql", "-- c\nCREATE TABLE c (\n  id bigint\n);\n").commit("edit c");

        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("1_a.sql", "2_b.sql"), names(history.base()));
        assertEquals(List.of("3_c.sql"), names(history.added()));
        assertEquals(List.of("DI503 migrations/3_c.sql:1"), located(history));
        assertEquals("no new files and 1 edited file since the merge base of main (" + branchPoint.substring(0, 7) + ")",
                history.explanation());
        var di503 = only(history, "DI503");
        assertEquals(Severity.ERROR, di503.severity());
        assertTrue(di503.message().contains("from line 3"), di503.message());
    }

    @Test
    void anEditedSumIgnoredFileIsLintedWithoutDi503() throws Exception {
        repo.write("migrations/2_b.sql", "-- atlas:sum ignore\nCREATE TABLE b (id int);\n").commit("ignored");
        String base = repo.git("rev-parse", "HEAD");
        repo.git("checkout", "-q", "-b", "edit-ignored");
        repo.write("migrations/2_b.sql", "-- atlas:sum ignore\nCREATE TABLE b (id bigint);\n").commit("edit");

        History history = resolve(migrations, "migrations", new NewFiles.GitBase(base), Map.of());

        assertEquals(List.of("2_b.sql"), names(history.added()));
        assertEquals(List.of(), history.diagnostics());
    }

    @Test
    void aDeletedBaseFileIsReportedAtItsPath() throws Exception {
        repo.delete("migrations/2_b.sql").commit("drop b");

        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("1_a.sql", "3_c.sql"), names(history.base()));
        assertEquals(List.of(), history.added());
        assertEquals(List.of("DI504 migrations/2_b.sql:1"), located(history));
    }

    @Test
    void aRenamedBaseFileIsADeletionPlusANewFile() throws Exception {
        repo.git("mv", "migrations/2_b.sql", "migrations/4_b.sql");
        repo.commit("rename b");

        History history = resolve(migrations, "migrations", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("4_b.sql"), names(history.added()));
        assertEquals(List.of("DI504 migrations/2_b.sql:1"), located(history));
    }

    @Test
    void aDirectoryInASubfolderIsComparedAtItsOwnPath() throws Exception {
        GitRepo nested = GitRepo.init(tmp.resolve("nested"));
        nested.write("README.md", "# app\n")
                .write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n")
                .write("db/migrations/2_b.sql", "CREATE TABLE b (id int);\n")
                .write("db/other/9_z.sql", "CREATE TABLE z (id int);\n")
                .write("1_root.sql", "SELECT 1;\n")
                .commit("app");
        nested.git("checkout", "-q", "-b", "feature");
        nested.write("db/migrations/3_c.sql", "CREATE TABLE c (id int);\n")
                .write("db/migrations/2_b.sql", "CREATE TABLE b (id bigint);\n")
                .write("README.md", "# app, edited\n")
                .delete("db/other/9_z.sql")
                .delete("1_root.sql")
                .commit("c, an edit of b, unrelated changes");

        History history = resolve(nested.root.resolve("db/migrations"), "db/migrations",
                new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("1_a.sql"), names(history.base()));
        assertEquals(List.of("2_b.sql", "3_c.sql"), names(history.added()));
        assertEquals(List.of("DI503 db/migrations/2_b.sql:1"), located(history));
    }

    @Test
    void aDirectoryThatIsNewInTheBranchIsAllNew() throws Exception {
        repo.write("db2/1_x.sql", "SELECT 1;\n").write("db2/2_y.sql", "SELECT 2;\n").commit("a second directory");

        History history = resolve(repo.root.resolve("db2"), "db2", new NewFiles.GitBase("main"), Map.of());

        assertEquals(List.of("1_x.sql", "2_y.sql"), names(history.added()));
        assertEquals(List.of(), history.diagnostics());
    }

    @Test
    void aRefThatDoesNotExistIsBadInput() {
        HistoryException e = assertThrows(HistoryException.class,
                () -> resolve(migrations, "migrations", new NewFiles.GitBase("origin/mian"), Map.of()));
        assertTrue(e.getMessage().contains("--git-base origin/mian does not name a commit"), e.getMessage());
        assertTrue(!e.getMessage().contains("fetch-depth"), "a full clone is not told to unshallow: " + e.getMessage());
    }

    @Test
    void aRefThatLooksLikeAnOptionIsRefused() {
        HistoryException e = assertThrows(HistoryException.class,
                () -> resolve(migrations, "migrations", new NewFiles.GitBase("--output=/tmp/x"), Map.of()));
        assertTrue(e.getMessage().contains("--git-base needs a revision"), e.getMessage());
    }

    @Test
    void unrelatedHistoriesHaveNoMergeBase() throws Exception {
        repo.git("checkout", "-q", "--orphan", "elsewhere");
        repo.commit("unrelated root");

        HistoryException e = assertThrows(HistoryException.class,
                () -> resolve(migrations, "migrations", new NewFiles.GitBase("feature"), Map.of()));
        assertTrue(e.getMessage().contains("share no history"), e.getMessage());
    }

    @Test
    void aDirectoryOutsideGitSuggestsLatest() throws Exception {
        Path plain = tmp.resolve("plain");
        GitRepo.init(tmp.resolve("unused")); // git works here; only the directory is outside a repository
        java.nio.file.Files.createDirectories(plain);
        java.nio.file.Files.writeString(plain.resolve("1_a.sql"), "SELECT 1;\n");

        HistoryException e = assertThrows(HistoryException.class,
                () -> resolve(plain, "plain", new NewFiles.GitBase("main"), Map.of()));
        assertTrue(e.getMessage().contains("not inside a git work tree"), e.getMessage());
        assertTrue(e.getMessage().contains("--latest"), e.getMessage());
    }

    @Test
    void remoteTrackingRefOfAClone() throws Exception {
        GitRepo origin = GitRepo.bare(tmp.resolve("origin.git"));
        repo.git("push", "-q", origin.root.toString(), "main");
        GitRepo clone = GitRepo.cloneOf(origin, tmp.resolve("clone"));
        clone.git("checkout", "-q", "-b", "feature");
        clone.write("migrations/4_d.sql", "CREATE TABLE d (id int);\n").commit("d");

        History history = resolve(clone.root.resolve("migrations"), "migrations", new NewFiles.GitBase("origin/main"),
                Map.of());

        assertEquals(List.of("4_d.sql"), names(history.added()));
        assertEquals("1 new file since the merge base of origin/main (" + branchPoint.substring(0, 7) + ")",
                history.explanation());
    }

    @Test
    void aShallowCloneWithoutTheBaseAsksForFullHistory() throws Exception {
        repo.write("migrations/4_d.sql", "CREATE TABLE d (id int);\n").commit("d");
        GitRepo origin = GitRepo.bare(tmp.resolve("origin.git"));
        repo.git("push", "-q", origin.root.toString(), "main", "feature");
        // As actions/checkout does by default: one commit of one branch.
        GitRepo shallow = GitRepo.cloneOf(origin, tmp.resolve("shallow"), "--depth", "1", "--branch", "feature");
        assertEquals("true", shallow.git("rev-parse", "--is-shallow-repository"));

        HistoryException missingRef = assertThrows(HistoryException.class, () -> resolve(
                shallow.root.resolve("migrations"), "migrations", new NewFiles.GitBase("origin/main"), Map.of()));
        assertTrue(missingRef.getMessage().contains("shallow"), missingRef.getMessage());
        assertTrue(missingRef.getMessage().contains("fetch-depth: 0"), missingRef.getMessage());
        assertTrue(missingRef.getMessage().contains("GIT_DEPTH: 0"), missingRef.getMessage());
        assertTrue(missingRef.getMessage().contains("git fetch --unshallow"), missingRef.getMessage());

        // The target fetched just as shallowly: both tips exist, their common history does not.
        shallow.git("fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");
        HistoryException noBase = assertThrows(HistoryException.class, () -> resolve(
                shallow.root.resolve("migrations"), "migrations", new NewFiles.GitBase("origin/main"), Map.of()));
        assertTrue(noBase.getMessage().contains("no common history in this shallow clone"), noBase.getMessage());
        assertTrue(noBase.getMessage().contains("fetch-depth: 0"), noBase.getMessage());

        shallow.git("fetch", "-q", "--unshallow", "origin");
        History history = resolve(shallow.root.resolve("migrations"), "migrations", new NewFiles.GitBase("origin/main"),
                Map.of());
        assertEquals(List.of("4_d.sql"), names(history.added()));
    }

    @Test
    void golangMigrateComparesOnlyTheFilesItRuns() throws Exception {
        GitRepo go = GitRepo.init(tmp.resolve("go"));
        go.write("db/1_a.up.sql", "CREATE TABLE a (id int);\n")
                .write("db/1_a.down.sql", "DROP TABLE a;\n")
                .write("db/2_b.up.sql", "CREATE TABLE b (id int);\n")
                .write("db/2_b.down.sql", "DROP TABLE b;\n")
                .commit("a and b");
        go.git("checkout", "-q", "-b", "feature");
        go.write("db/1_a.down.sql", "DROP TABLE IF EXISTS a;\n") // down files are not run, so not history
                .delete("db/2_b.down.sql")
                .write("db/3_c.up.sql", "CREATE TABLE c (id int);\n")
                .write("db/3_c.down.sql", "DROP TABLE c;\n")
                .write("db/10_d.up.sql", "CREATE TABLE d (id int);\n")
                .commit("c, d, down edits");

        History history = resolve(new GolangMigrateFormat(), go.root.resolve("db"), "db", new NewFiles.GitBase("main"),
                Map.of());

        assertEquals(List.of("1_a.up.sql", "2_b.up.sql"), names(history.base()));
        assertEquals(List.of("3_c.up.sql", "10_d.up.sql"), names(history.added()), "numeric order, down files left out");
        assertEquals(List.of(), history.diagnostics());

        go.write("db/2_b.up.sql", "CREATE TABLE b (id bigint);\n").delete("db/1_a.up.sql").commit("rewrite history");
        History rewritten = resolve(new GolangMigrateFormat(), go.root.resolve("db"), "db",
                new NewFiles.GitBase("main"), Map.of());
        assertEquals(List.of("DI504 db/1_a.up.sql:1", "DI503 db/2_b.up.sql:1"), located(rewritten));
    }

    @Test
    void flywayRepeatablesMayChangeAndDoNotFixTheOrder() throws Exception {
        GitRepo fly = GitRepo.init(tmp.resolve("fly"));
        fly.write("sql/V1__a.sql", "CREATE TABLE a (id int);\n")
                .write("sql/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n")
                .commit("flyway");
        fly.git("checkout", "-q", "-b", "feature");
        fly.write("sql/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 2;\n")
                .write("sql/nested/V2__b.sql", "CREATE TABLE b (id int);\n")
                .commit("new version, changed repeatable");

        History history = resolve(new FlywayFormat(), fly.root.resolve("sql"), "sql", new NewFiles.GitBase("main"),
                Map.of());

        assertEquals(List.of("V1__a.sql"), names(history.base()));
        assertEquals(List.of("nested/V2__b.sql", "R__views.sql"), names(history.added()));
        assertEquals(List.of(), history.diagnostics(), "V2 runs before the repeatable, yet that is not non-linear");
    }
}
