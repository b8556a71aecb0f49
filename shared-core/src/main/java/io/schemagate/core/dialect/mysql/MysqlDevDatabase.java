package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.GuardedDevDatabase;
import io.schemagate.core.devdb.MysqlUrl;
import io.schemagate.core.devdb.RandomPassword;
import io.schemagate.core.devdb.ScratchName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch database on a MySQL or MariaDB service: created by the URL's login, replayed on by a fresh user that
 * may do anything inside it and nothing outside it (no FILE, PROCESS or SUPER privilege, no other database), and
 * dropped with that user on {@link #close()} — also when the JVM is stopped while it is open.
 */
public final class MysqlDevDatabase extends GuardedDevDatabase {
    /** How long the cleanup's DROP DATABASE waits for a lock before giving up (and leaving sg_dev_… behind). */
    private static final int DROP_LOCK_WAIT_SECONDS = 10;

    private final MysqlUrl url;
    private final String what;
    private final String database;
    private final MysqlServer server;
    /** {@code 'name'@'host'} of the replay user, once created; null when replaying as the URL's login. */
    private volatile String replayUser;
    private volatile String replayName;
    private volatile String replayPassword;
    private volatile Connection session;
    /** The replay session's CONNECTION_ID(), to end what it still runs on the server; 0 until known. */
    private volatile long sessionId;
    private volatile StatementWatchdog watchdog;

    private MysqlDevDatabase(MysqlUrl url, String what, String database, MysqlServer server) {
        this.url = url;
        this.what = what;
        this.database = database;
        this.server = server;
    }

    /** @param what how to describe the server, e.g. the masked URL or "embedded MariaDB 11.4.5" */
    public static MysqlDevDatabase open(MysqlUrl url, DevSettings settings, String what) throws DevDatabaseException {
        MysqlServer server;
        String database = ScratchName.next();
        try (Connection admin = MysqlConnections.open(url, null, null)) {
            server = MysqlServer.of(admin);
            MysqlDevDatabase db = new MysqlDevDatabase(url, what, database, server);
            db.guard();
            try {
                db.create(admin, settings);
                db.session = db.openSession(settings);
                return db;
            } catch (SQLException | RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new DevDatabaseException("the dev database " + what + " failed: " + MysqlConnections.reason(url, e), e);
        }
    }

    private void create(Connection admin, DevSettings settings) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
            if (settings.privileged()) {
                return;
            }
            // The server names the client by the host it sees; the user must match that exactly.
            String host;
            try (ResultSet rs = s.executeQuery("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', -1)")) {
                rs.next();
                host = rs.getString(1);
            }
            String user = database;
            String password = RandomPassword.of(24);
            s.execute("CREATE USER '" + user + "'@'" + host.replace("'", "''") + "' IDENTIFIED BY '" + password + "'");
            replayUser = "'" + user + "'@'" + host.replace("'", "''") + "'";
            s.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + replayUser);
            replayPassword = password;
            replayName = user;
        }
    }

    private Connection openSession(DevSettings settings) throws SQLException {
        MysqlUrl login = replayName == null ? url : url.withLogin(replayName, replayPassword);
        Connection c = MysqlConnections.open(login, database, settings.statementTimeout());
        try (Statement s = c.createStatement()) {
            long lockSeconds = Math.max(1, (settings.lockTimeout().toMillis() + 999) / 1000);
            s.execute("SET SESSION lock_wait_timeout = " + lockSeconds + ", innodb_lock_wait_timeout = " + lockSeconds);
            s.execute(server.statementTimeout(settings.statementTimeout()));
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            sessionId = rs.getLong(1);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        c.setAutoCommit(true);
        watchdog = new StatementWatchdog(url, sessionId, settings.statementTimeout());
        return c;
    }

    /** Each statement's clock: past the statement timeout, the watchdog ends it whatever the session says. */
    @Override
    public void statementStarting() {
        StatementWatchdog w = watchdog;
        if (w != null) {
            w.restart();
        }
    }

    @Override
    public Connection connection() {
        return session;
    }

    @Override
    public String description() {
        return "scratch database " + database + " on " + what + " (" + server.product() + " " + server.version() + ")";
    }

    @Override
    public int serverMajorVersion() {
        return server.major();
    }

    /** The server: MariaDB or MySQL, and its version. */
    public MysqlServer server() {
        return server;
    }

    @Override
    protected void release(boolean abrupt) {
        StatementWatchdog w = watchdog;
        if (w != null) {
            w.close();
        }
        Connection s = session;
        if (s != null) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // the drop below does not need it
            }
        }
        try (Connection admin = MysqlConnections.open(url, null, null); Statement st = admin.createStatement()) {
            // A statement the server still runs after the driver gave up on it (the migration may have lifted its own
            // max_statement_time) holds locks the drop would wait on for lock_wait_timeout (a day or a year).
            st.execute("SET SESSION lock_wait_timeout = " + DROP_LOCK_WAIT_SECONDS);
            endReplaySessions(admin);
            st.execute("DROP DATABASE IF EXISTS `" + database + "`");
            if (replayUser != null) {
                st.execute("DROP USER IF EXISTS " + replayUser);
            }
        } catch (SQLException ignored) {
            // close() never throws; what is left is named sg_dev_…
        }
    }

    /** Ends the replay session and any other session of the replay user (event threads run as it too). */
    private void endReplaySessions(Connection admin) {
        List<Long> ids = new ArrayList<>();
        if (sessionId > 0) {
            ids.add(sessionId);
        }
        if (replayName != null) {
            try (PreparedStatement p = admin.prepareStatement(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
                p.setString(1, replayName);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            } catch (SQLException ignored) {
                // the session id above is still worth ending
            }
        }
        for (long id : ids) {
            try (Statement st = admin.createStatement()) {
                st.execute("KILL CONNECTION " + id);
            } catch (SQLException alreadyGone) {
                // ended on its own, or the login may not end it: the drop's lock wait bounds what follows
            }
        }
    }
}
