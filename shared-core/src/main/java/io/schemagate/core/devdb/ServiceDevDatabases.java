package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * A dev database on a PostgreSQL server reached with a login: {@code postgres://} services, and the servers the
 * embedded and container dev databases start. By default a scratch database owned by a fresh unprivileged
 * {@link RunRole}, which is who migrations replay as. Logins with fewer rights get what they allow, said in the
 * description: without CREATEROLE, the scratch database replays as the login itself; without CREATEDB, the given
 * database, when it is empty (managed services, locked-down CI accounts).
 */
final class ServiceDevDatabases {

    /** Oldest server the catalog queries here and in the inspector are written for. */
    static final int MIN_SERVER_MAJOR = 12;
    /** SQLSTATE insufficient_privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private ServiceDevDatabases() {
    }

    static DevDatabase open(PostgresUrl url, DevSettings settings) throws DevDatabaseException {
        return open(url, settings, true);
    }

    /**
     * @param guard whether the dev database cleans up on JVM shutdown itself; false when the caller throws the whole
     *              server away instead (embedded, container)
     */
    static GuardedDevDatabase open(PostgresUrl url, DevSettings settings, boolean guard) throws DevDatabaseException {
        Connection admin;
        try {
            admin = PgSession.connect(url);
        } catch (SQLException e) {
            throw ConnectFailure.connecting(url, e);
        }
        boolean handedOver = false;
        try {
            int version = PgSession.serverVersionNumber(admin);
            if (version / 10000 < MIN_SERVER_MAJOR) {
                throw new DevDatabaseException("the server at " + url.masked() + " runs PostgreSQL " + PgSession.versionText(version)
                        + "; schemagate needs " + MIN_SERVER_MAJOR + " or newer");
            }
            if (mayCreateDatabases(admin)) {
                Optional<GuardedDevDatabase> scratch = scratch(url, admin, version, settings, guard);
                if (scratch.isPresent()) {
                    return scratch.get();
                }
            }
            GuardedDevDatabase given = given(url, admin, version, settings, guard);
            handedOver = true;
            return given;
        } catch (SQLException e) {
            throw ConnectFailure.working("cannot prepare the dev database", url, e);
        } finally {
            if (!handedOver) {
                PgSession.closeQuietly(admin);
            }
        }
    }

    private static boolean mayCreateDatabases(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet rs = statement.executeQuery("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Empty when the server refuses CREATE DATABASE after all (some managed services do). */
    private static Optional<GuardedDevDatabase> scratch(PostgresUrl url, Connection admin, int version, DevSettings settings,
                                                        boolean guard) throws DevDatabaseException, SQLException {
        String name = ScratchName.next();
        RunRole role = settings.privileged() || !RunRole.mayCreate(admin) ? null : RunRole.forScratch(name);
        Isolation isolation = role != null ? Isolation.RUN_ROLE
                : settings.privileged() ? Isolation.PRIVILEGED : Isolation.NO_CREATEROLE;
        ScratchDevDatabase scratch = new ScratchDevDatabase(url, name, role, isolation, version);
        if (guard) {
            scratch.guard();
        }
        if (role != null) {
            try {
                role.create(admin, settings);
            } catch (SQLException e) {
                scratch.close();
                throw ConnectFailure.working("cannot create the run's role " + role.name(), url, e);
            }
        }
        try {
            // template0, not template1: always pristine, and copying it never fails because another session is
            // connected to the template (which template1 does when parallel jobs create databases at once).
            scratch.create(admin, "template0");
        } catch (SQLException e) {
            scratch.close();
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) && role == null) {
                return Optional.empty();
            }
            throw ConnectFailure.working("cannot create the scratch database " + name, url, e);
        }
        PgSession.closeQuietly(admin); // one connection at a time: the dev session is the one that stays
        try {
            scratch.connect(settings);
        } catch (DevDatabaseException e) {
            scratch.close();
            throw e;
        }
        return Optional.of(scratch);
    }

    private static GuardedDevDatabase given(PostgresUrl url, Connection admin, int version, DevSettings settings, boolean guard)
            throws SQLException, DevDatabaseException {
        List<UserObjects.UserObject> objects = UserObjects.list(admin, version / 10000);
        if (!objects.isEmpty()) {
            throw new DevDatabaseException("the database " + url.database() + " on " + url.masked() + " is not empty ("
                    + UserObjects.describe(objects) + ") and role " + url.user() + " may not create a scratch database: "
                    + "grant it CREATEDB (ALTER ROLE " + PgSession.quoteIdentifier(url.user()) + " CREATEDB), "
                    + "or point the dev URL at an empty database");
        }
        requireCreateInSchema(url, admin);
        PgSession.configure(admin, settings, url.searchPath());
        int pid = PgSession.backendPid(admin);
        GivenDevDatabase given = new GivenDevDatabase(url, admin, version, pid);
        if (guard) {
            given.guard();
        }
        try {
            given.supervise(RunSupervisor.start(url, pid, settings));
        } catch (DevDatabaseException e) {
            given.close();
            throw e;
        }
        return given;
    }

    /**
     * Without CREATEDB, migrations replay in the given database as the login: it must be able to create in the
     * schema they land in, or every base file would fail as if history were broken.
     */
    private static void requireCreateInSchema(PostgresUrl url, Connection admin) throws SQLException, DevDatabaseException {
        String schema = url.searchPath().map(path -> path.split(",")[0].strip().replace("\"", "")).orElse("public");
        try (PreparedStatement check = admin.prepareStatement(
                "SELECT has_schema_privilege(current_user, n.oid, 'CREATE') FROM pg_namespace n WHERE n.nspname = ?")) {
            check.setString(1, schema);
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next() && !rs.getBoolean(1)) {
                    throw new DevDatabaseException("role " + url.user() + " may not create objects in schema " + schema
                            + " of database " + url.database() + " on " + url.masked() + ", nor create a scratch database: "
                            + "grant it CREATEDB (ALTER ROLE " + PgSession.quoteIdentifier(url.user()) + " CREATEDB), or make it "
                            + "the owner of an empty database (ALTER DATABASE … OWNER TO " + PgSession.quoteIdentifier(url.user())
                            + ")");
                }
            }
        }
    }
}
