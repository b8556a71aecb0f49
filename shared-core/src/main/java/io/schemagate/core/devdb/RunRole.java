package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The role one run replays migrations as: it may log in and own its scratch database, nothing else (no SUPERUSER,
 * CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS, and none of the {@code pg_read_server_files}-style roles). So a
 * migration from a pull request cannot run programs on the server, read or write its files, reach other databases or
 * change the server; what it tries is refused with the server's own message. Created by the URL's login for each run
 * and dropped with everything it owns afterwards.
 *
 * @param name     {@code sg_run_} plus the scratch database's random suffix, so the two are recognisably one run's
 * @param password random, for servers that authenticate TCP logins; sent to the server only as a SCRAM verifier
 */
record RunRole(String name, String password) {

    static final String PREFIX = "sg_run_";

    /** The role for the run whose scratch database is {@code scratchName}. */
    static RunRole forScratch(String scratchName) {
        return new RunRole(PREFIX + scratchName.substring(ScratchName.PREFIX.length()), RandomPassword.of(32));
    }

    /** Whether the login of {@code admin} may create roles (a superuser, or CREATEROLE). */
    static boolean mayCreate(Connection admin) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(
                "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user");
             ResultSet rs = query.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Creates the role with the dev settings as its own defaults (a migration may still SET them per session; the
     * watchdog covers that), and makes the creating login a member: PostgreSQL 16+ requires it to hand the role a
     * database, and membership lets the login see and end the role's sessions.
     */
    void create(Connection admin, DevSettings settings) throws SQLException {
        String quoted = PgSession.quoteIdentifier(name);
        // A verifier, not the password: statement logging on the server must not record a usable secret.
        String verifier = RandomPassword.scramVerifier(password);
        PgSession.execute(admin, "CREATE ROLE " + quoted + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                + " NOBYPASSRLS CONNECTION LIMIT 5 PASSWORD " + literal(verifier));
        PgSession.execute(admin, "ALTER ROLE " + quoted + " SET statement_timeout = "
                + literal(settings.statementTimeout().toMillis() + "ms"));
        PgSession.execute(admin, "ALTER ROLE " + quoted + " SET lock_timeout = " + literal(settings.lockTimeout().toMillis() + "ms"));
        PgSession.execute(admin, "GRANT " + quoted + " TO CURRENT_USER");
    }

    /**
     * Drops the role and what it owns or was granted in the database {@code admin} is connected to (its scratch
     * database is dropped before, taking everything in it). Throws when the role still has objects elsewhere.
     */
    void drop(Connection admin) throws SQLException {
        String quoted = PgSession.quoteIdentifier(name);
        if (!exists(admin)) {
            return;
        }
        try (PreparedStatement terminate = admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
            terminate.setString(1, name);
            terminate.execute();
        }
        PgSession.execute(admin, "DROP OWNED BY " + quoted);
        PgSession.execute(admin, "DROP ROLE IF EXISTS " + quoted);
    }

    private boolean exists(Connection admin) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The login of this role on the server {@code server} names. */
    PostgresUrl login(PostgresUrl server, String database) {
        return new PostgresUrl(server.scheme(), name, password, server.host(), server.port(), database, server.parameters(),
                server.searchPath());
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return name; // never the password
    }
}
