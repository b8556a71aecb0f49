package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@code postgres://}: a scratch database when the role may create one, else the given database when it is
 * empty. A scratch database keeps a shared service clean and lets parallel jobs use one service; the given database
 * is the fallback for roles without CREATEDB (managed services, locked-down CI accounts).
 */
final class ServiceDevDatabases {

    /** Oldest server the catalog queries here and in the inspector are written for. */
    static final int MIN_SERVER_MAJOR = 12;
    /** SQLSTATE insufficient_privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private ServiceDevDatabases() {
    }

    static DevDatabase open(PostgresUrl url, DevSettings settings) throws DevDatabaseException {
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
                Optional<DevDatabase> scratch = scratch(url, admin, version, settings);
                if (scratch.isPresent()) {
                    return scratch.get();
                }
            }
            DevDatabase given = given(url, admin, version, settings);
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
    private static Optional<DevDatabase> scratch(PostgresUrl url, Connection admin, int version, DevSettings settings)
            throws DevDatabaseException {
        ScratchDevDatabase scratch = new ScratchDevDatabase(url, ScratchName.next(), version);
        scratch.guard();
        try {
            // template0, not template1: always pristine, and copying it never fails because another session is
            // connected to the template (which template1 does when parallel jobs create databases at once).
            PgSession.execute(admin, "CREATE DATABASE " + PgSession.quoteIdentifier(scratch.name()) + " TEMPLATE template0");
        } catch (SQLException e) {
            scratch.notCreated();
            scratch.close();
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw ConnectFailure.working("cannot create the scratch database " + scratch.name(), url, e);
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

    private static DevDatabase given(PostgresUrl url, Connection admin, int version, DevSettings settings)
            throws SQLException, DevDatabaseException {
        List<UserObjects.UserObject> objects = UserObjects.list(admin, version / 10000);
        if (!objects.isEmpty()) {
            throw new DevDatabaseException("the database " + url.database() + " on " + url.masked() + " is not empty ("
                    + UserObjects.describe(objects) + ") and role " + url.user() + " may not create a scratch database: "
                    + "grant it CREATEDB (ALTER ROLE " + PgSession.quoteIdentifier(url.user()) + " CREATEDB), "
                    + "or point the dev URL at an empty database");
        }
        PgSession.configure(admin, settings, url.searchPath());
        GivenDevDatabase given = new GivenDevDatabase(url, admin, version, PgSession.backendPid(admin));
        given.guard();
        return given;
    }
}
