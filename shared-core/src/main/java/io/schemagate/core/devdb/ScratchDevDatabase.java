package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A database schemagate created on a server for this run ({@code sg_dev_…}), with the role migrations replay as
 * ({@code sg_run_…}, unless the login may not create roles or {@code --dev-privileged} is on); {@link #close()} drops
 * both.
 */
final class ScratchDevDatabase extends GuardedDevDatabase {

    private static final int DROP_ATTEMPTS = 5;
    private static final String OBJECT_IN_USE = "55006";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final PostgresUrl server;
    private final String name;
    private final RunRole role;
    private final Isolation isolation;
    private final int versionNumber;
    private volatile boolean mayExist = true;
    private volatile Connection connection;
    private volatile RunSupervisor supervisor;
    private volatile boolean serverThrownAway;

    /**
     * @param server the URL as given: its login creates and drops the scratch database and role, from its database
     * @param role   who replays, or null for the URL's login
     */
    ScratchDevDatabase(PostgresUrl server, String name, RunRole role, Isolation isolation, int versionNumber) {
        this.server = server;
        this.name = name;
        this.role = role;
        this.isolation = isolation;
        this.versionNumber = versionNumber;
    }

    /** CREATE DATABASE failed: nothing to drop. */
    void notCreated() {
        mayExist = false;
    }

    /** Opens the dev session (as the run's role when there is one) and the supervisor's session beside it. */
    void connect(DevSettings settings) throws DevDatabaseException {
        if (role != null) {
            handPublicSchemaToRole();
        }
        PostgresUrl target = role == null ? server.withDatabase(name) : role.login(server, name);
        try {
            Connection opened = PgSession.connect(target);
            connection = opened;
            PgSession.configure(opened, settings, server.searchPath());
            supervisor = RunSupervisor.start(server, PgSession.backendPid(opened), settings);
        } catch (SQLException e) {
            if (role != null) {
                throw new DevDatabaseException("cannot log in as the run's role " + role.name() + " on " + server.masked() + ": "
                        + ConnectFailure.reason(target, e) + " (schemagate replays migrations as a fresh unprivileged role; "
                        + "allow its logins in pg_hba.conf, or use --dev-privileged)", e);
            }
            throw ConnectFailure.connecting(target, e);
        }
    }

    /**
     * Before PostgreSQL 15 the {@code public} schema of a new database belongs to the bootstrap superuser; the run's
     * role gets it, so migrations that create, alter or comment on it work as they do for an owner in production.
     * A login that may not (not a superuser) leaves it: PUBLIC may create in it there anyway.
     */
    private void handPublicSchemaToRole() throws DevDatabaseException {
        try (Connection admin = PgSession.connect(server.withDatabase(name))) {
            PgSession.housekeeping(admin);
            try (PreparedStatement owner = admin.prepareStatement(
                    "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'");
                 ResultSet rs = owner.executeQuery()) {
                if (!rs.next() || rs.getString(1).equals("pg_database_owner") || rs.getString(1).equals(role.name())) {
                    return;
                }
            }
            PgSession.execute(admin, "ALTER SCHEMA public OWNER TO " + PgSession.quoteIdentifier(role.name()));
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw ConnectFailure.working("cannot prepare the scratch database " + name, server, e);
            }
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String description() {
        return "scratch database " + name + " on " + server.masked() + isolation.note(server.user());
    }

    @Override
    public int serverMajorVersion() {
        return versionNumber / 10000;
    }

    @Override
    public List<OutsideObject> outsideChanges() {
        RunSupervisor watching = supervisor;
        return watching == null ? List.of() : watching.outsideChanges();
    }

    @Override
    void serverThrownAway() {
        serverThrownAway = true;
    }

    @Override
    protected void release(boolean abrupt) {
        RunSupervisor watching = supervisor;
        if (watching != null) {
            watching.close();
        }
        PgSession.end(connection, abrupt);
        if (serverThrownAway || !mayExist && role == null) {
            return;
        }
        try (Connection admin = PgSession.connect(server)) {
            PgSession.housekeeping(admin);
            if (mayExist) {
                try {
                    drop(admin);
                } catch (SQLException e) {
                    // left as sg_dev_…; the role may still go if the database went after all
                }
            }
            if (role != null) {
                role.drop(admin);
            }
        } catch (SQLException e) {
            // The server is gone or refuses; the database is named sg_dev_…, the role sg_run_…, for whoever cleans up.
        }
    }

    private void drop(Connection admin) throws SQLException {
        String quoted = PgSession.quoteIdentifier(name);
        if (versionNumber >= 130000) {
            // FORCE ends the dev session too, should the abort not have reached the server yet.
            PgSession.execute(admin, "DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement terminate = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try {
                PgSession.execute(admin, "DROP DATABASE IF EXISTS " + quoted);
                return;
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == DROP_ATTEMPTS) {
                    throw e;
                }
                sleep(200L * attempt); // a terminated backend takes a moment to go
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
