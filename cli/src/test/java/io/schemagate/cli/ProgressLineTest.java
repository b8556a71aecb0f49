package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The throttle of lint's progress line, on a clock the test moves. */
class ProgressLineTest {
    private final StringWriter err = new StringWriter();
    private final ProgressLine line = new ProgressLine(new PrintWriter(err), 0);

    @Test
    void quietAtFirstThenAtMostOneLineASecondAndOnlyOnChange() {
        line.startingDevDatabase();
        line.tick(at(1.9));
        assertEquals("", err.toString(), "nothing in the first 2 s: most runs are over by then");

        line.baseFile(1, 120, "m/1_a.sql");
        line.baseFile(37, 120, "m/37_x.sql");
        line.tick(at(2.0));
        assertEquals("schemagate: replaying base file 37 of 120: m/37_x.sql (2 s)\n", err.toString(),
                "the latest state, not every step");

        line.newFile(2, 3, "m/121_new.sql");
        line.statement(40);
        line.tick(at(2.5));
        assertEquals(1, err.toString().lines().count(), "not twice within a second");
        line.tick(at(2.95)); // a timer tick that comes a little early still counts
        assertEquals(2, err.toString().lines().count(), err.toString());
        assertEquals("schemagate: replaying new file 2 of 3: m/121_new.sql, statement at line 40 (2 s)",
                err.toString().lines().toList().get(1));

        line.tick(at(4.0));
        line.tick(at(12.0));
        assertEquals(2, err.toString().lines().count(), "an unchanged state is not repeated every second");
        line.tick(at(13.0));
        assertEquals("schemagate: replaying new file 2 of 3: m/121_new.sql, statement at line 40 (13 s)",
                err.toString().lines().toList().get(2), "but again after 10 s, so a long statement is not a hang");
    }

    private static long at(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }
}
