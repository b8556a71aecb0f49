package io.schemagate.core.dialect.postgres;

import io.schemagate.core.lock.LockMode;
import io.schemagate.core.lock.RelationLock;
import io.schemagate.core.replay.Inspector;
import io.schemagate.core.replay.Observation;
import io.schemagate.core.schema.Catalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inspects after each statement of a new file only what the statement can have changed, instead of the whole catalog.
 *
 * <p>Every change to a relation's definition takes a lock of at least SHARE UPDATE EXCLUSIVE on it, and the
 * transaction keeps it until it ends; the lock probe has just read them ({@link Observation.Locks#held()}). Those
 * relations, and the ones whose model names them ({@link ScopeReader}), are read again (sequences too: they are
 * relations); the rest are kept from the schema before the statement. What is not a relation is covered by a digest
 * of the catalogs whose names the model borrows ({@link NameGuardReader}): while it is the same, schemas, enums and
 * functions are kept as they were (functions are read again when one names the row type of a relation in scope);
 * when it differs, the statement may have changed text inside relations no lock points at, and a whole inspection
 * follows. Where the locks could not be observed (outside a transaction) every inspection is whole.
 *
 * <p>A lock held after the previous statement and gone after this one means a savepoint was rolled back or the
 * transaction ended: what the lost lock covered may have been undone, so a whole inspection follows too. (The probe
 * reports no lock on a relation dropped earlier in the transaction, whose name is gone; the server tells whether such
 * a lock is still held, {@link StillLockedReader}.)
 *
 * <p>At the start of each new file after the first, the last file's last schema is kept unless its commit may have
 * run code of the migration's own ({@link #nextFile}).
 *
 * <p>One per replay: it remembers the name digest and the locks of the last inspection.
 */
final class LockScopedInspector implements Inspector {
    private String names;
    /** The standalone composite types the last whole inspection found (the digest reads them by oid). */
    private Set<Long> composites = Set.of();
    /** What the last digest saw of the catalogs it reads in full: the next one reads them only when they changed. */
    private NameGuardReader.Catalogs catalogs;
    private Set<Long> heldBefore = Set.of();
    /** Whether the transaction's commit may run code that changes the schema ({@link CommitCodeReader}). */
    private boolean codeAtCommit;
    private int scoped;
    private int keptAtFileStart;
    private final SavedSearchPath path = new SavedSearchPath();

    @Override
    public Catalog inspect(Connection connection) throws SQLException {
        NameGuardReader guard = NameGuardReader.whole(serverMajor(connection));
        CommitCodeReader commitCode = CommitCodeReader.everywhere();
        Catalog catalog = PostgresInspector.inspect(connection, List.of(guard, commitCode), path);
        names = guard.digest();
        composites = guard.composites();
        catalogs = guard.catalogs();
        heldBefore = Set.of();
        codeAtCommit |= commitCode.found();
        return catalog;
    }

    /**
     * Keeps the last file's last schema when its commit can have run no code of the migration's own (no deferrable
     * constraint trigger calling a user function, no temporary table whose ON COMMIT DROP cascades) and the name
     * guard reads as it did: nothing else runs between two files. Else a whole inspection.
     */
    @Override
    public Catalog nextFile(Connection connection, Catalog last) throws SQLException {
        if (names == null || codeAtCommit) {
            codeAtCommit = false; // what the whole inspection finds now
            return inspect(connection);
        }
        NameGuardReader guard = NameGuardReader.scoped(serverMajor(connection), composites, catalogs);
        CatalogQuery.run(connection, List.of(guard), path);
        catalogs = guard.catalogs();
        if (!guard.digest().equals(names)) {
            return inspect(connection);
        }
        heldBefore = Set.of(); // the commit released every lock
        keptAtFileStart++;
        return last;
    }

    @Override
    public Catalog after(Connection connection, Catalog before, List<Observation> observed) throws SQLException {
        List<Observation.Locks> locks = observed.stream().filter(Observation.Locks.class::isInstance)
                .map(Observation.Locks.class::cast).toList();
        if (locks.isEmpty() || names == null) {
            return inspect(connection);
        }
        Set<Long> locked = new HashSet<>();
        for (Observation.Locks l : locks) {
            for (RelationLock lock : l.held()) {
                if (lock.mode().compareTo(LockMode.SHARE_UPDATE_EXCLUSIVE) >= 0) {
                    locked.add(lock.oid());
                }
            }
        }
        Set<Long> unnamed = new HashSet<>(heldBefore);
        unnamed.removeAll(locked);
        // A lock the probe no longer reports is a relation dropped earlier (its lock still held, its name gone) or a
        // lock that went away: ROLLBACK TO a savepoint, ROLLBACK, COMMIT or PREPARE TRANSACTION undid or sealed
        // changes whose relations no lock points at any more. The server tells which, in the scope's round trip.
        StillLockedReader stillLocked = unnamed.isEmpty() ? null : new StillLockedReader(unnamed);
        locked.addAll(unnamed);
        NameGuardReader guard = NameGuardReader.scoped(serverMajor(connection), composites, catalogs);
        Catalog catalog = before;
        if (locked.isEmpty()) {
            heldBefore = locked;
            CatalogQuery.run(connection, List.of(guard), path);
        } else {
            ScopeReader reader = new ScopeReader(locked);
            CatalogQuery.run(connection, stillLocked == null ? List.of(reader) : List.of(reader, stillLocked), path);
            if (stillLocked != null && !stillLocked.all()) {
                locked.removeAll(unnamed);
                return whole(connection, locked);
            }
            heldBefore = locked;
            Set<Long> scope = new HashSet<>(reader.scope());
            scope.addAll(locked); // dropped relations: gone from the catalogs, still to be taken out of the model
            CommitCodeReader commitCode = CommitCodeReader.among(locked);
            Optional<Catalog> read = PostgresInspector.inspect(connection, new RelationScope(scope), before,
                    reader.functions(), List.of(guard, commitCode), path);
            codeAtCommit |= commitCode.found();
            if (read.isEmpty()) {
                return whole(connection, locked);
            }
            catalog = read.get();
        }
        catalogs = guard.catalogs();
        if (!guard.digest().equals(names)) {
            return whole(connection, locked);
        }
        scoped++;
        return catalog;
    }

    /** A whole inspection in the middle of a transaction: the locks it still holds are the next statement's before. */
    private Catalog whole(Connection connection, Set<Long> locked) throws SQLException {
        Catalog catalog = inspect(connection);
        heldBefore = locked;
        return catalog;
    }

    /** The driver knows it from the connection's start-up: no round trip. */
    private static int serverMajor(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseMajorVersion();
    }

    /** How many inspections read only a scope (for tests and benchmarks). */
    int scopedInspections() {
        return scoped;
    }

    /** How many file starts kept the last file's schema (for tests and benchmarks). */
    int keptAtFileStart() {
        return keptAtFileStart;
    }
}
