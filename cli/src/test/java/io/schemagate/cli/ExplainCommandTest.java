package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code schemagate explain}: lock modes in plain words, rule pages from the jar, a clear line for anything else. */
class ExplainCommandTest {

    @Test
    void aLockModeInAnySpelling() {
        for (String spelling : new String[] {"ACCESS EXCLUSIVE", "AccessExclusiveLock", "access_exclusive"}) {
            CliRun run = CliRun.of("explain", spelling);
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("ACCESS EXCLUSIVE (pg_locks: AccessExclusiveLock)\n"
                    + "  Blocks reads and writes on the relation"), run.toString());
        }
        CliRun share = CliRun.of("explain", "SHARE", "ROW", "EXCLUSIVE");
        assertTrue(share.out().contains("Blocks writes") && share.out().contains("Conflicts with: ROW EXCLUSIVE,"),
                share.toString());
    }

    /** The page comes from the jar, and is the repository's docs/rules page, byte for byte. */
    @Test
    void aRulePage() throws Exception {
        CliRun run = CliRun.of("explain", "pg518");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(Files.readString(Path.of("../docs/rules/PG518.md")), run.out());
    }

    @Test
    void anythingElseIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("explain", "../../etc/passwd");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("schemagate: explain: \"../../etc/passwd\" is neither a lock mode (ACCESS SHARE,"),
                run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());

        CliRun control = CliRun.of("explain", "a\n\u001b[31mb");
        assertEquals("schemagate: explain: \"a[31mb\" is neither", control.err().substring(0, 40), control.toString());
        assertEquals(1, control.err().lines().count(), control.toString());
    }

    /** "@FILE" is a word like any other: the file is never read, so its text is never echoed. */
    @Test
    void atFilesAreNotExpanded(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.env"), "TOKEN=hunter2\n");
        CliRun run = CliRun.of("explain", "@" + secret);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(!run.toString().contains("hunter2"), run.toString());
    }
}
