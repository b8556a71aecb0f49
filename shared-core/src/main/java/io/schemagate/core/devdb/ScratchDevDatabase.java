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
    /** {@link #sessionState} right after the dev session was configured. */
    private volatile String sessionAtStart = "";
    /** The role a restored or stored base's objects belong to: the run's role takes them over when it connects. */
    private volatile String baseOwner;
    /** The housekeeping session's backend while it copies or renames: a shutdown ends it before cleaning up. */
    private volatile int housekeepingPid;
    /** Set first thing by {@link #release}: no housekeeping session may start after it. */
    private volatile boolean releasing;
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
            prepareForRole();
        }
        PostgresUrl target = role == null ? server.withDatabase(name) : role.login(server, name);
        try {
            Connection opened = PgSession.connect(target);
            connection = opened;
            PgSession.configure(opened, settings, server.searchPath());
            sessionAtStart = sessionState(opened);
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
     * A copy of a cached base: its objects stay the role's that replayed it, and this run's role becomes a member of
     * that role, so the new files may alter and drop them as their owner. (What names the owner itself differs from a
     * base replayed in the run: {@code DROP OWNED BY CURRENT_USER} leaves the base's objects.) Before PostgreSQL 15 the
     * {@code public} schema of a new database belongs to the bootstrap superuser; the run's role gets it, so
     * migrations that create, alter or comment on it work as they do for an owner in production. A login that may not
     * (not a superuser) leaves it: PUBLIC may create in it there anyway.
     */
    private void prepareForRole() throws DevDatabaseException {
        try (Connection admin = PgSession.connect(server.withDatabase(name))) {
            PgSession.housekeeping(admin);
            String inherited = baseOwner;
            if (inherited != null) {
                // Membership, not REASSIGN OWNED: that takes a lock per object in one transaction, more than a server
                // holds for a schema of thousands of tables, and time in proportion.
                try {
                    PgSession.execute(admin, "GRANT " + PgSession.quoteIdentifier(inherited) + " TO "
                            + PgSession.quoteIdentifier(role.name()));
                } catch (SQLException e) {
                    throw ConnectFailure.working("cannot let the run's role " + role.name() + " own the cached base's objects",
                            server, e);
                }
            }
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
        mayExist = true; // before, and never reset here: a shutdown while it is created must still look for it
        // Closed until PUBLIC lost CONNECT: no other login's run may slip in between.
        PgSession.execute(admin, "CREATE DATABASE " + quoted
                + (role == null ? "" : " OWNER " + PgSession.quoteIdentifier(role.name())) + " TEMPLATE "
                + PgSession.quoteIdentifier(template) + " ALLOW_CONNECTIONS false");
        PgSession.execute(admin, "REVOKE ALL ON DATABASE " + quoted + " FROM PUBLIC");
        PgSession.execute(admin, "ALTER DATABASE " + quoted + " WITH ALLOW_CONNECTIONS true");
    }

    /**
     * Only where migrations replay as a fresh role of their own: where they replay as the login, they could rename,
     * drop or forge the login's cache entries for other runs.
     */
    @Override
    public Optional<BaseCache> baseCache() {
        return role == null ? Optional.empty() : Optional.of(this);
    }

    @Override
    public Lookup restore(BaseKey key) throws DevDatabaseException {
        BaseKey scoped = scoped(key);
        TemplateEntries.Entry entry;
        try (Housekeeping housekeeping = housekeepingSession()) {
            Connection admin = housekeeping.admin();
            TemplateEntries.Found found = TemplateEntries.find(admin, scoped);
            if (found.entry().isEmpty()) {
                // This run replays the base and stores it: room for it now, while the server has little to write.
                try {
                    TemplateEntries.evict(admin, TemplateEntries.KEPT - 1);
                } catch (SQLException e) {
                    // housekeeping: the store evicts again
                }
                return found.lookup();
            }
            entry = found.entry().get();
            endSession(false);
            drop(admin);
            try {
                if (serverThrownAway) {
                    // The whole server is this run's copy (embedded): the entry itself becomes the scratch database.
                    TemplateEntries.consume(admin, entry, name, role.name());
                    mayExist = true;
                } else {
                    try {
                        // Before the copy: a parallel run's eviction then passes over the entry being copied.
                        TemplateEntries.touch(admin, entry);
                    } catch (SQLException e) {
                        // bookkeeping for eviction only
                    }
                    create(admin, entry.database());
                }
            } catch (SQLException e) {
                // Evicted by a parallel run a moment ago, or the copy failed: start from an empty database after all.
                drop(admin);
                create(admin, "template0");
                connect(settings);
                return Lookup.MISS;
            }
        } catch (SQLException e) {
            throw ConnectFailure.working("cannot use the cached base schema " + key + " (--no-base-cache replays the base "
                    + "instead)", server, e);
        }
        baseOwner = entry.owner().orElse(null);
        connect(settings);
        return Lookup.HIT;
    }

    @Override
    public Stored store(BaseKey key) throws DevDatabaseException {
        BaseKey scoped = scoped(key);
        Optional<String> leftBehind = sessionLeftovers();
        if (leftBehind.isPresent()) {
            return Stored.notCacheable(leftBehind.get());
        }
        endSession(false);
        try (Housekeeping housekeeping = housekeepingSession()) {
            Connection admin = housekeeping.admin();
            RunRole owner = role;
            if (!TemplateEntries.adopt(admin, name, scoped, owner.name())) {
                connect(settings);
                return Stored.ALREADY_CACHED;
            }
            // The base belongs to the cache now, its objects to the role that replayed it; this run goes on in a copy,
            // as a new role that takes the copy's objects over.
            String next = ScratchName.next();
            RunRole nextRole = RunRole.forScratch(next);
            mayExist = false;
            name = next;
            role = nextRole;
            nextRole.create(admin, settings);
            create(admin, TemplateEntries.name(scoped));
            try {
                TemplateEntries.evict(admin, TemplateEntries.KEPT); // only what parallel runs added meanwhile
            } catch (SQLException e) {
                // housekeeping: the next run that stores a base evicts again
            }
            baseOwner = owner.name();
        } catch (SQLException e) {
            throw ConnectFailure.working("cannot keep the replayed base schema " + key + " in the cache (--no-base-cache "
                    + "replays without it)", server, e);
        }
        connect(settings);
        return Stored.STORED;
    }

    /**
     * What the dev session carries that a copy of its database cannot: settings a migration changed with {@code SET}
     * (a later file may rely on its {@code search_path}), a {@code SET ROLE}, temporary objects. A base that leaves any
     * is replayed every time, as without the cache.
     */
    private Optional<String> sessionLeftovers() {
        try {
            String now = sessionState(connection);
            return now.equals(sessionAtStart) ? Optional.empty()
                    : Optional.of("its files leave session state a copy cannot carry (" + now + ")");
        } catch (SQLException e) {
            return Optional.of("its session cannot be read: " + e.getMessage());
        }
    }

    /** The session's own settings, its role and whether it has temporary tables, as one line. */
    private static String sessionState(Connection session) throws SQLException {
        try (java.sql.Statement query = session.createStatement();
             ResultSet rs = query.executeQuery("""
                     SELECT coalesce((SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                                      WHERE source = 'session'), '')
                            || CASE WHEN current_user <> session_user THEN '; SET ROLE ' || current_user ELSE '' END
                            || CASE WHEN EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = pg_my_temp_schema())
                                    THEN '; temporary tables' ELSE '' END""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A session of the URL's login for creating, copying and dropping databases; its pid is kept for a signal. */
    private Housekeeping housekeepingSession() throws SQLException {
        Connection admin = PgSession.connect(server);
        try {
            PgSession.housekeeping(admin);
            housekeepingPid = PgSession.backendPid(admin);
            // Written before, read after the release's flag: one of the two threads always sees the other.
            if (releasing) {
                throw new SQLException("the dev database is being removed (shutting down)");
            }
        } catch (SQLException e) {
            housekeepingPid = 0;
            PgSession.closeQuietly(admin);
            throw e;
        }
        return new Housekeeping(admin);
    }

    /** A housekeeping session whose pid is forgotten before it closes: a reused pid must never be signalled. */
    private final class Housekeeping implements AutoCloseable {
        private final Connection admin;

        Housekeeping(Connection admin) {
            this.admin = admin;
        }

        Connection admin() {
            return admin;
        }

        @Override
        public void close() {
            housekeepingPid = 0;
            PgSession.closeQuietly(admin);
        }
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
        releasing = true;
        endSession(abrupt);
        if (serverThrownAway || !mayExist && role == null) {
            return;
        }
        try (Connection admin = PgSession.connect(server)) {
            PgSession.housekeeping(admin);
            try {
                endHousekeeping(admin);
            } catch (SQLException e) {
                // gone already; the drops below say whether anything is left
            }
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

    /**
     * Ends a housekeeping session still copying or renaming (a shutdown in the middle of a restore or store), so the
     * database it was creating is either rolled back or there to drop.
     */
    private void endHousekeeping(Connection admin) throws SQLException {
        int pid = housekeepingPid;
        if (pid == 0) {
            return;
        }
        // From 14 on it waits (up to 5 s) until the backend is gone.
        try (PreparedStatement terminate = admin.prepareStatement(versionNumber >= 140000
                ? "SELECT pg_terminate_backend(?, 5000)" : "SELECT pg_terminate_backend(?)")) {
            terminate.setInt(1, pid);
            terminate.execute();
        }
    }

    private void drop(Connection admin) throws SQLException {
        String quoted = PgSession.quoteIdentifier(name);
        try {
            // A migration may have made its own database a template, which DROP refuses.
            PgSession.execute(admin, "ALTER DATABASE " + quoted + " WITH IS_TEMPLATE false");
        } catch (SQLException e) {
            // not there (IF EXISTS below), or not ours to change: the drop says which
        }
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
