package io.schemagate.core.devdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base cache on a PostgreSQL server: one template database per base, {@code sg_base_} plus 32 hex digits of its
 * key, that nobody can connect to ({@code ALLOW_CONNECTIONS false}, no {@code CONNECT} for PUBLIC), owned by the login
 * that made it. The objects in it stay owned by the role that replayed the base, which is kept without LOGIN as long
 * as the entry; later runs' roles are made members of it, so they may alter and drop those objects in their copy.
 *
 * <p>Its comment says what it is and is written in the same transaction that turns a finished scratch database into
 * the entry: a database of that name without a matching comment, or whose owner role is gone, is unsound and dropped,
 * never used. At most {@link #KEPT} entries stay on a server; the least recently used go first.
 */
final class TemplateEntries {

    /** Bases kept per server (and login): a few branches' worth, each a copy of one schema. */
    static final int KEPT = 5;
    static final Pattern NAME = Pattern.compile("sg_base_[0-9a-f]{32}");
    private static final String PREFIX = "sg_base_";
    private static final String MARK = "schemagate base cache ";
    private static final Pattern COMMENT = Pattern.compile(
            "schemagate base cache 1 key=([0-9a-f]{64}) owner=(-|sg_run_[a-z0-9]{10}) used=(\\d{1,19})");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String OBJECT_IN_USE = "55006";
    private static final int RENAME_ATTEMPTS = 10;

    private TemplateEntries() {
    }

    /**
     * One entry as the server has it.
     *
     * @param owner the role its objects belong to; empty when the base replayed as the login itself
     */
    record Entry(String database, BaseKey key, Optional<String> owner, long usedMillis) {
    }

    /** What {@link #find} saw. */
    record Found(BaseCache.Lookup lookup, Optional<Entry> entry) {
    }

    static String name(BaseKey key) {
        return PREFIX + key.hex().substring(0, 32);
    }

    /**
     * The sound entry for {@code key}; an unsound one is dropped on the way. Sound: a template nobody may connect to,
     * whose comment names this very key, and whose owner role still exists.
     */
    static Found find(Connection admin, BaseKey key) throws SQLException {
        String database = name(key);
        try (PreparedStatement query = admin.prepareStatement("""
                SELECT d.datistemplate AND NOT d.datallowconn AND pg_get_userbyid(d.datdba) = current_user,
                       shobj_description(d.oid, 'pg_database'), pg_get_userbyid(d.datdba) = current_user
                FROM pg_database d WHERE d.datname = ?""")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return new Found(BaseCache.Lookup.MISS, Optional.empty());
                }
                String comment = rs.getString(2);
                Optional<Entry> entry = parse(database, comment);
                if (rs.getBoolean(1) && entry.isPresent() && entry.get().key().equals(key)
                        && (entry.get().owner().isEmpty() || roleExists(admin, entry.get().owner().get()))) {
                    return new Found(BaseCache.Lookup.HIT, entry);
                }
                if (comment == null || !comment.startsWith(MARK) || !rs.getBoolean(3)) {
                    // Not this login's entry (a user database of that name, another login's database): neither used
                    // nor dropped.
                    return new Found(BaseCache.Lookup.MISS, Optional.empty());
                }
            }
        }
        try {
            drop(admin, database, Optional.empty());
        } catch (SQLException e) {
            // someone is connected to it; it is not used, and storing this run's base under the name will not succeed
        }
        return new Found(BaseCache.Lookup.UNSOUND, Optional.empty());
    }

    /**
     * Turns the finished scratch database {@code scratch} into the entry for {@code key}, in one transaction; false when
     * a parallel run's entry for the same key is already there. Nobody may be connected to {@code scratch}.
     *
     * @param owner the role that replayed the base: it loses LOGIN and stays as the owner of the entry's objects
     */
    static boolean adopt(Connection admin, String scratch, BaseKey key, String owner) throws SQLException {
        String database = PgSession.quoteIdentifier(name(key));
        for (int attempt = 1; ; attempt++) {
            admin.setAutoCommit(false);
            try {
                PgSession.execute(admin, "ALTER DATABASE " + PgSession.quoteIdentifier(scratch) + " RENAME TO " + database);
                PgSession.execute(admin, "ALTER DATABASE " + database + " OWNER TO CURRENT_USER");
                PgSession.execute(admin, "ALTER DATABASE " + database + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
                PgSession.execute(admin, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
                PgSession.execute(admin, "ALTER ROLE " + PgSession.quoteIdentifier(owner) + " NOLOGIN PASSWORD NULL");
                comment(admin, new Entry(name(key), key, Optional.of(owner), System.currentTimeMillis()));
                admin.commit();
                return true;
            } catch (SQLException e) {
                admin.rollback();
                // A parallel run's rename of the same base: caught by the check, or by the index when they race.
                if (DUPLICATE_DATABASE.equals(e.getSQLState()) || UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                // The dev session's backend may still be exiting after its connection closed.
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == RENAME_ATTEMPTS) {
                    throw e;
                }
                pause(100L * attempt);
            } finally {
                admin.setAutoCommit(true);
            }
        }
    }

    /** Creates the database {@code into} as a copy of {@code entry}, owned by {@code role} (else the login). */
    static void copy(Connection admin, Entry entry, String into, Optional<String> role) throws SQLException {
        PgSession.execute(admin, "CREATE DATABASE " + PgSession.quoteIdentifier(into)
                + role.map(r -> " OWNER " + PgSession.quoteIdentifier(r)).orElse("")
                + " TEMPLATE " + PgSession.quoteIdentifier(entry.database()));
    }

    /**
     * Turns {@code entry} itself into the database {@code into}, owned by {@code role} (else the login): on a server
     * that is thrown away after the run, where copying it would only cost time.
     */
    static void consume(Connection admin, Entry entry, String into, String role) throws SQLException {
        String database = PgSession.quoteIdentifier(entry.database());
        String quoted = PgSession.quoteIdentifier(into);
        PgSession.execute(admin, "ALTER DATABASE " + database + " WITH IS_TEMPLATE false ALLOW_CONNECTIONS true");
        PgSession.execute(admin, "ALTER DATABASE " + database + " RENAME TO " + quoted);
        PgSession.execute(admin, "ALTER DATABASE " + quoted + " OWNER TO " + PgSession.quoteIdentifier(role));
        // A copy does not carry ALTER DATABASE … SET; neither may the entry itself.
        PgSession.execute(admin, "ALTER DATABASE " + quoted + " RESET ALL");
    }

    /**
     * Whether the server (reached as its superuser) holds nothing but the initial databases, entries and their owner
     * roles: what a kept embedded cluster may carry to later runs. A run's database or role that could not be dropped,
     * or anything else a migration made, and it is not kept.
     */
    static boolean onlyEntries(Connection superuser) throws SQLException {
        try (PreparedStatement query = superuser.prepareStatement("""
                SELECT NOT EXISTS (SELECT 1 FROM pg_database d
                                   WHERE d.datname NOT IN ('postgres', 'template0', 'template1')
                                     AND (d.datname !~ '^sg_base_[0-9a-f]{32}$' OR NOT d.datistemplate OR d.datallowconn))
                   AND NOT EXISTS (SELECT 1 FROM pg_roles r
                                   WHERE r.rolname <> current_user AND r.rolname !~ '^pg_'
                                     AND (r.rolcanlogin OR r.rolsuper OR NOT EXISTS (
                                          SELECT 1 FROM pg_database d
                                          WHERE shobj_description(d.oid, 'pg_database') LIKE '%owner=' || r.rolname || ' %')))
                   AND NOT EXISTS (SELECT 1 FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global'))""");
             ResultSet rs = query.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Marks {@code entry} used now, so eviction keeps it longer. */
    static void touch(Connection admin, Entry entry) throws SQLException {
        comment(admin, new Entry(entry.database(), entry.key(), entry.owner(), System.currentTimeMillis()));
    }

    /**
     * Drops the least recently used entries beyond the newest {@code keep}, and owner roles whose entry is gone.
     * A run that will store a base makes room before it replays: DROP DATABASE waits for a checkpoint, which after
     * a replay of 10,000 tables writes out all of it (13 s measured), before it almost nothing.
     */
    static void evict(Connection admin, int keep) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement("""
                SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d
                WHERE d.datname LIKE 'sg\\_base\\_%' AND pg_get_userbyid(d.datdba) = current_user""");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (NAME.matcher(rs.getString(1)).matches()) {
                    parse(rs.getString(1), rs.getString(2)).ifPresent(entries::add);
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::usedMillis).reversed());
        for (Entry old : entries.subList(Math.min(keep, entries.size()), entries.size())) {
            try {
                drop(admin, old.database(), old.owner());
            } catch (SQLException e) {
                // a parallel run is copying it right now: it goes next time
            }
        }
        dropOrphanOwners(admin);
    }

    /**
     * Owner roles whose entry is gone but that a run's copy still held on to when it went: without LOGIN, named
     * {@code sg_run_…}, and named by no entry's comment. One still used by a running copy stays until the next time.
     */
    private static void dropOrphanOwners(Connection admin) throws SQLException {
        List<String> orphans = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement("""
                SELECT r.rolname FROM pg_roles r
                WHERE r.rolname LIKE 'sg\\_run\\_%' AND NOT r.rolcanlogin AND pg_has_role(current_user, r.oid, 'USAGE')
                  AND NOT EXISTS (SELECT 1 FROM pg_database d
                                  WHERE shobj_description(d.oid, 'pg_database') LIKE '%owner=' || r.rolname || ' %')""");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                orphans.add(rs.getString(1));
            }
        }
        for (String orphan : orphans) {
            try {
                PgSession.execute(admin, "DROP ROLE IF EXISTS " + PgSession.quoteIdentifier(orphan));
            } catch (SQLException e) {
                // a running copy still has objects of it
            }
        }
    }

    /** Drops an entry (a template must stop being one first) and, when nothing else holds on to it, its owner role. */
    static void drop(Connection admin, String database, Optional<String> owner) throws SQLException {
        String quoted = PgSession.quoteIdentifier(database);
        PgSession.execute(admin, "ALTER DATABASE " + quoted + " WITH IS_TEMPLATE false");
        try {
            PgSession.execute(admin, "DROP DATABASE IF EXISTS " + quoted);
        } catch (SQLException e) {
            // Still being copied by a parallel run (its lock outlasted ours): it stays an entry, sound, for next time.
            try {
                PgSession.execute(admin, "ALTER DATABASE " + quoted + " WITH IS_TEMPLATE true");
            } catch (SQLException notRestored) {
                // then the next lookup finds it unsound, drops and rebuilds it
            }
            throw e;
        }
        if (owner.isPresent()) {
            try {
                PgSession.execute(admin, "DROP ROLE IF EXISTS " + PgSession.quoteIdentifier(owner.get()));
            } catch (SQLException e) {
                // a running copy still has objects of it; that run's role drop or a later eviction retries
            }
        }
    }

    private static void comment(Connection admin, Entry entry) throws SQLException {
        PgSession.execute(admin, "COMMENT ON DATABASE " + PgSession.quoteIdentifier(entry.database()) + " IS '"
                + MARK + "1 key=" + entry.key().hex() + " owner=" + entry.owner().orElse("-")
                + " used=" + entry.usedMillis() + "'");
    }

    private static Optional<Entry> parse(String database, String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        Matcher m = COMMENT.matcher(comment);
        if (!m.matches() || !database.equals(PREFIX + m.group(1).substring(0, 32))) {
            return Optional.empty();
        }
        long used;
        try {
            used = Long.parseLong(m.group(3));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new Entry(database, new BaseKey(m.group(1)),
                m.group(2).equals("-") ? Optional.empty() : Optional.of(m.group(2)), used));
    }

    private static boolean roleExists(Connection admin, String role) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
