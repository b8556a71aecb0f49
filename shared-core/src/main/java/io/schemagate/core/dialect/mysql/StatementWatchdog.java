package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.MysqlUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The statement timeout a migration cannot lift: {@code max_statement_time} is a session setting the migration may
 * change ({@code SET SESSION max_statement_time = 0}, {@code SET STATEMENT … FOR}), so a second session ends the
 * replay session's query ({@code KILL QUERY}) once a statement has run past the limit.
 */
final class StatementWatchdog implements AutoCloseable {
    /** The server's own timeout fires first when it is still in place; this is the backstop. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final MysqlUrl admin;
    private final long sessionId;
    private final Duration limit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schemagate-mysql-watchdog");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;

    StatementWatchdog(MysqlUrl admin, long sessionId, Duration limit) {
        this.admin = admin;
        this.sessionId = sessionId;
        this.limit = limit;
    }

    /** A statement starts: the previous one's clock stops and this one's starts. */
    synchronized void restart() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!timer.isShutdown()) {
            pending = timer.schedule(this::killQuery, limit.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void killQuery() {
        try (Connection c = MysqlConnections.open(admin, null, null); Statement s = c.createStatement()) {
            s.execute("KILL QUERY " + sessionId);
        } catch (SQLException ignored) {
            // the session is gone, or the statement ended meanwhile; the driver's socket timeout remains
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
    }
}
