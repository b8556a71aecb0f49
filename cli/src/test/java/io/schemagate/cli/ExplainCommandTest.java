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
    }
}
