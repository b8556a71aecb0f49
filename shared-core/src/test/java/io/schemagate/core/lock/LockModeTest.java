package io.schemagate.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.LocalPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lock modes: the conflict table checked against the local PostgreSQL itself, and the names users may type. */
class LockModeTest {

    /** For every pair of modes, one session holds the first and another asks for the second with NOWAIT. */
    @Test
    void conflictsAreTheServersOwn() throws Exception {
        LocalPostgres.require();
        String table = "sg_lock_mode_" + Long.toHexString(System.nanoTime());
        try (Connection holder = LocalPostgres.admin(); Connection asker = LocalPostgres.admin()) {
            LocalPostgres.execute(holder, "CREATE TABLE " + table + " (id int)");
            try {
                List<String> wrong = new ArrayList<>();
                for (LockMode held : LockMode.values()) {
                    for (LockMode asked : LockMode.values()) {
                        boolean refused = refused(holder, asker, table, held, asked);
                        if (refused != held.conflictsWith(asked)) {
                            wrong.add(held + " vs " + asked + ": the server " + (refused ? "refused" : "granted"));
                        }
                    }
                }
                assertEquals(List.of(), wrong);
            } finally {
                LocalPostgres.execute(holder, "DROP TABLE " + table);
            }
        }
    }

    private static boolean refused(Connection holder, Connection asker, String table, LockMode held, LockMode asked)
            throws SQLException {
        holder.setAutoCommit(false);
        asker.setAutoCommit(false);
        try (Statement h = holder.createStatement(); Statement a = asker.createStatement()) {
            h.execute("LOCK TABLE " + table + " IN " + held.sqlName() + " MODE");
            try {
                a.execute("LOCK TABLE " + table + " IN " + asked.sqlName() + " MODE NOWAIT");
                return false;
            } catch (SQLException e) {
                assertEquals("55P03", e.getSQLState(), e.getMessage()); // lock_not_available
                return true;
            }
        } finally {
            asker.rollback();
            holder.rollback();
            asker.setAutoCommit(true);
            holder.setAutoCommit(true);
        }
    }

    @Test
    void whatEachModeBlocksInPlainWords() {
        assertEquals(LockMode.Blocks.READS_AND_WRITES, LockMode.ACCESS_EXCLUSIVE.blocks());
        assertEquals(LockMode.Blocks.WRITES, LockMode.SHARE.blocks());
        assertEquals(LockMode.Blocks.WRITES, LockMode.SHARE_ROW_EXCLUSIVE.blocks());
        assertEquals(LockMode.Blocks.WRITES, LockMode.EXCLUSIVE.blocks());
        assertEquals(LockMode.Blocks.SCHEMA_CHANGES, LockMode.SHARE_UPDATE_EXCLUSIVE.blocks());
        assertEquals(LockMode.Blocks.STRONGER_LOCKS, LockMode.ACCESS_SHARE.blocks());
        assertTrue(LockMode.SHARE.dangerous() && !LockMode.SHARE_UPDATE_EXCLUSIVE.dangerous());
    }

    @Test
    void namesAsSqlPgLocksAndPeopleWriteThem() {
        for (String text : List.of("ACCESS EXCLUSIVE", "access_exclusive", "AccessExclusiveLock", " access-exclusive ")) {
            assertEquals(Optional.of(LockMode.ACCESS_EXCLUSIVE), LockMode.parse(text), text);
        }
        assertEquals(Optional.of(LockMode.SHARE_ROW_EXCLUSIVE), LockMode.fromServer("ShareRowExclusiveLock"));
        assertEquals(Optional.empty(), LockMode.fromServer("SIReadLock"));
        assertEquals(Optional.empty(), LockMode.parse("exclusiveish"));
    }
}
