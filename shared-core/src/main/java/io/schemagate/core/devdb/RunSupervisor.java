package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Watches one run from a second session on the server, the URL's own login:
 * <ul>
 *   <li>a hard wall-clock limit per statement: a migration may {@code SET statement_timeout = 0}, so a statement of
 *       the dev session still running past the limit is cancelled from here, and its backend ended if it ignores
 *       the cancel (a function that catches {@code query_canceled});</li>
 *   <li>the server outside the dev database: databases, roles and tablespaces that appear while the run replays
 *       are the run's doing (a privileged dev session, or a login with CREATEDB), are dropped when possible, and
 *       reported.</li>
 * </ul>
 */
final class RunSupervisor implements AutoCloseable {

    /** After the limit, the server's own statement_timeout normally fires first; this is the backstop. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(1);
    /** How long a cancelled statement gets to stop before its backend is terminated. */
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 250;
    private static final String INVENTORY = """
            SELECT 'database', datname FROM pg_database
            UNION ALL SELECT 'role', rolname FROM pg_roles
            UNION ALL SELECT 'tablespace', spcname FROM pg_tablespace""";

    /**
     * Scratch databases and roles of runs, this one's and those of parallel jobs on a shared service, and the base
     * cache's entries: never reported or dropped here (each run drops its own; the cache evicts its entries).
     */
    private static final Pattern RUN_OBJECT = Pattern.compile("sg_(dev|run)_[a-z0-9]{10}|sg_base_[0-9a-f]{32}");

    private final Connection admin;
    private final int devPid;
    private final Duration limit;
    private final ScheduledExecutorService watchdog;
    private Set<ServerObject> known;
    private volatile String cancelledStart;

    private RunSupervisor(Connection admin, int devPid, Duration limit) throws SQLException {
        this.admin = admin;
        this.devPid = devPid;
        this.limit = limit;
        this.known = inventory();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "schemagate-statement-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::watch, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts supervising the dev session {@code devPid} through a new session of {@code login}. */
    static RunSupervisor start(PostgresUrl login, int devPid, DevSettings settings)
            throws DevDatabaseException {
        Connection admin;
        try {
            admin = PgSession.connect(login);
        } catch (SQLException e) {
            throw ConnectFailure.connecting(login, e);
        }
        try {
            PgSession.housekeeping(admin);
            return new RunSupervisor(admin, devPid, settings.statementTimeout());
        } catch (SQLException e) {
            PgSession.closeQuietly(admin);
            throw ConnectFailure.working("cannot watch the dev session", login, e);
        }
    }

    /**
     * What appeared on the server outside the dev database since the last call, each dropped when this login may.
     * Empty when the server cannot be asked (the replay reports that failure itself).
     */
    synchronized List<OutsideObject> outsideChanges() {
        Set<ServerObject> now;
        try {
            now = inventory();
        } catch (SQLException e) {
            return List.of();
        }
        List<OutsideObject> appeared = new ArrayList<>();
        for (ServerObject object : now) {
            if (!known.contains(object) && !RUN_OBJECT.matcher(object.name()).matches()) {
                appeared.add(new OutsideObject(object.kind(), object.name(), drop(object)));
            }
        }
        try {
            known = inventory();
        } catch (SQLException e) {
            known = now;
        }
        return appeared;
    }

    private boolean drop(ServerObject object) {
        String quoted = PgSession.quoteIdentifier(object.name());
        String sql = switch (object.kind()) {
            case "database" -> "DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)";
            case "role" -> "DROP ROLE IF EXISTS " + quoted;
            default -> "DROP TABLESPACE IF EXISTS " + quoted;
        };
        try {
            PgSession.execute(admin, sql);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private Set<ServerObject> inventory() throws SQLException {
        Set<ServerObject> objects = new LinkedHashSet<>();
        synchronized (this) {
            try (PreparedStatement query = admin.prepareStatement(INVENTORY); ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    objects.add(new ServerObject(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return objects;
    }

    /** One poll: cancel a statement past the limit, end the backend of one that ignored the cancel. */
    private void watch() {
        try {
            String[] running = runningStatement();
            if (running == null) {
                return;
            }
            String start = running[0];
            double seconds = Double.parseDouble(running[1]);
            double cancelAt = (limit.toMillis() + CANCEL_GRACE.toMillis()) / 1000.0;
            if (seconds >= cancelAt + TERMINATE_GRACE.toSeconds() && start.equals(cancelledStart)) {
                signal("pg_terminate_backend");
            } else if (seconds >= cancelAt && !start.equals(cancelledStart)) {
                cancelledStart = start;
                signal("pg_cancel_backend");
            }
        } catch (SQLException | RuntimeException e) {
            // The session or server is going away; the replay reports that itself.
        }
    }

    /** {@code [query_start, seconds running]} of the dev session's active statement, or null when it is idle. */
    private String[] runningStatement() throws SQLException {
        synchronized (this) {
            try (PreparedStatement query = admin.prepareStatement("SELECT query_start::text,"
                    + " extract(epoch FROM clock_timestamp() - query_start)::text FROM pg_stat_activity"
                    + " WHERE pid = ? AND state IN ('active', 'fastpath function call')")) {
                query.setInt(1, devPid);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() && rs.getString(1) != null ? new String[] {rs.getString(1), rs.getString(2)} : null;
                }
            }
        }
    }

    private void signal(String function) throws SQLException {
        synchronized (this) {
            try (PreparedStatement call = admin.prepareStatement("SELECT " + function + "(?)")) {
                call.setInt(1, devPid);
                call.execute();
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            watchdog.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PgSession.closeQuietly(admin);
    }

    private record ServerObject(String kind, String name) {
    }
}
