package io.schemagate.core.dialect.sqlite;

import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

/**
 * The statement timeout SQLite lacks: a progress handler that interrupts the running statement once it has run
 * longer than the limit since {@link #restart()} (an endless recursive CTE otherwise hangs the job).
 */
final class StatementClock extends ProgressHandler {
    private final long limitNanos;
    private volatile long startedAt = System.nanoTime();

    private StatementClock(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    static StatementClock install(SQLiteConnection connection, Duration limit, int steps) throws SQLException {
        StatementClock clock = new StatementClock(limit);
        ProgressHandler.setHandler(connection, steps, clock);
        return clock;
    }

    void restart() {
        startedAt = System.nanoTime();
    }

    /** A non-zero answer makes SQLite stop the statement with SQLITE_INTERRUPT. */
    @Override
    protected int progress() {
        return System.nanoTime() - startedAt > limitNanos ? 1 : 0;
    }
}
