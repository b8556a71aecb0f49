package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A database schemagate created on a server for this run ({@code sg_dev_…}), with the role migrations replay as
 * ({@code sg_run_…}, unless the login may not create roles or {@code --dev-privileged} is on); {@link #close()} drops
 * both. It keeps replayed bases as template databases on the server ({@link TemplateEntries}): a run then starts from
 * a copy of its base, or hands its replayed base over to the cache and goes on with a copy.
 */
final class ScratchDevDatabase extends GuardedDevDatabase implements BaseCache {

    private static final int DROP_ATTEMPTS = 5;
    private static final String OBJECT_IN_USE = "55006";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final PostgresUrl server;
    private final Isolation isolation;
    private final int versionNumber;
    /** The scratch database and its role: a run that stores its base goes on in a new pair. */
    private volatile String name;
    private volatile RunRole role;
    private volatile DevSettings settings;
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

    /** Opens the dev session (as the run's role when there is one) and the supervisor's session beside it. */
    void connect(DevSettings settings) throws DevDatabaseException {
        this.settings = settings;
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

    /**
     * Creates the scratch database as a copy of {@code template}, owned by the run's role, that other logins' runs
     * cannot connect to (their roles would otherwise reach this run's objects through a shared cache owner).
     */
    void create(Connection admin, String template) throws SQLException {
        String quoted = PgSession.quoteIdentifier(name);
        try {
            PgSession.execute(admin, "CREATE DATABASE " + quoted
                    + (role == null ? "" : " OWNER " + PgSession.quoteIdentifier(role.name())) + " TEMPLATE "
                    + PgSession.quoteIdentifier(template));
        } catch (SQLException e) {
            mayExist = false; // nothing to drop
            throw e;
        }
        mayExist = true;
        PgSession.execute(admin, "REVOKE ALL ON DATABASE " + quoted + " FROM PUBLIC");
    }

    @Override
    public Optional<BaseCache> baseCache() {
        return Optional.of(this);
    }

    @Override
    public Lookup restore(BaseKey key) throws DevDatabaseException {
        BaseKey scoped = scoped(key);
        try (Connection admin = PgSession.connect(server)) {
            PgSession.housekeeping(admin);
            TemplateEntries.Found found = TemplateEntries.find(admin, scoped);
            if (found.entry().isEmpty()) {
                return found.lookup();
            }
            TemplateEntries.Entry entry = found.entry().get();
            endSession(false);
            drop(admin);
            try {
                if (serverThrownAway) {
                    // The whole server is this run's copy (embedded): the entry itself becomes the scratch database.
                    TemplateEntries.consume(admin, entry, name, Optional.ofNullable(role).map(RunRole::name));
                } else {
                    create(admin, entry.database());
                }
            } catch (SQLException e) {
                // Evicted by a parallel run a moment ago, or the copy failed: start from an empty database after all.
                create(admin, "template0");
                connect(settings);
                return Lookup.MISS;
            }
            if (role != null && entry.owner().isPresent()) {
                PgSession.execute(admin, "GRANT " + PgSession.quoteIdentifier(entry.owner().get()) + " TO "
                        + PgSession.quoteIdentifier(role.name()));
            }
            if (!serverThrownAway) {
                TemplateEntries.touch(admin, entry);
            }
        } catch (SQLException e) {
            throw ConnectFailure.working("cannot use the cached base schema " + key, server, e);
        }
        connect(settings);
        return Lookup.HIT;
    }

    @Override
    public boolean store(BaseKey key) throws DevDatabaseException {
        BaseKey scoped = scoped(key);
        endSession(false);
        try (Connection admin = PgSession.connect(server)) {
            PgSession.housekeeping(admin);
            RunRole owner = role;
            Optional<String> ownerName = Optional.ofNullable(owner).map(RunRole::name);
            if (!TemplateEntries.adopt(admin, name, scoped, ownerName)) {
                connect(settings);
                return false;
            }
            // The base and its role belong to the cache now; this run goes on in a copy, as a new role.
            String next = ScratchName.next();
            RunRole nextRole = owner == null ? null : RunRole.forScratch(next);
            mayExist = false;
            name = next;
            role = nextRole;
            if (nextRole != null) {
                nextRole.create(admin, settings);
                PgSession.execute(admin, "GRANT " + PgSession.quoteIdentifier(owner.name()) + " TO "
                        + PgSession.quoteIdentifier(nextRole.name()));
            }
            create(admin, TemplateEntries.name(scoped));
            try {
                TemplateEntries.evict(admin);
            } catch (SQLException e) {
                // housekeeping: the next run that stores a base evicts again
            }
        } catch (SQLException e) {
            throw ConnectFailure.working("cannot keep the replayed base schema " + key + " in the cache", server, e);
        }
        connect(settings);
        return true;
    }

    /**
     * The key of the entry on this server: the base's key, for this server's major version, this login, the role kind
     * replaying and the search path (objects are owned by, and resolved for, them).
     */
    private BaseKey scoped(BaseKey key) {
        return key.within("postgres " + versionNumber / 10000 + "\nlogin " + server.user() + "\nisolation "
                + isolation.name() + "\nsearch_path " + server.searchPath().orElse(""));
    }

    /** Ends the dev session and its supervisor, keeping the database. */
    private void endSession(boolean abrupt) {
        RunSupervisor watching = supervisor;
        supervisor = null;
        if (watching != null) {
            watching.close();
        }
        PgSession.end(connection, abrupt); // kept, closed: callers may still ask it whether it is
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
    void serverKept() {
        serverThrownAway = false;
    }

    @Override
    protected void release(boolean abrupt) {
        endSession(abrupt);
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
