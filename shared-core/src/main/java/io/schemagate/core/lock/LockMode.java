package io.schemagate.core.lock;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL's table-level lock modes, weakest first, and what each one keeps other sessions from doing while it is
 * held. The conflict table is the server's (the "Conflicting Lock Modes" table of the PostgreSQL documentation).
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    /** What other sessions cannot do on the relation while a lock is held, as a reviewer reads it. */
    public enum Blocks {
        /** SELECT, and everything else. */
        READS_AND_WRITES("blocks reads and writes"),
        /** INSERT, UPDATE, DELETE (and SELECT … FOR UPDATE); plain reads go on. */
        WRITES("blocks writes"),
        /** Only schema changes, VACUUM and ANALYZE; reads and writes go on. */
        SCHEMA_CHANGES("blocks schema changes and VACUUM"),
        /** Only what takes ACCESS EXCLUSIVE (DROP, most ALTERs) or stronger modes. */
        STRONGER_LOCKS("blocks only schema changes that lock the whole table");

        private final String text;

        Blocks(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final String serverName;

    LockMode(String serverName) {
        this.serverName = serverName;
    }

    /** The mode as {@code pg_locks.mode} names it, e.g. {@code AccessExclusiveLock}. */
    public String serverName() {
        return serverName;
    }

    /** The mode as SQL and the documentation name it, e.g. {@code ACCESS EXCLUSIVE}. */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    /** From {@code pg_locks.mode}; empty for a mode that is not a table-level lock. */
    public static Optional<LockMode> fromServer(String mode) {
        return Arrays.stream(values()).filter(m -> m.serverName.equals(mode)).findFirst();
    }

    /** From {@code ACCESS EXCLUSIVE}, {@code access_exclusive}, {@code AccessExclusiveLock}, … */
    public static Optional<LockMode> parse(String text) {
        String wanted = text.trim().replaceAll("(?i)lock$", "").replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** Whether a session holding this mode keeps another from taking {@code other} on the same relation. */
    public boolean conflictsWith(LockMode other) {
        return conflicts().contains(other);
    }

    private Set<LockMode> conflicts() {
        return switch (this) {
            case ACCESS_SHARE -> EnumSet.of(ACCESS_EXCLUSIVE);
            case ROW_SHARE -> EnumSet.of(EXCLUSIVE, ACCESS_EXCLUSIVE);
            case ROW_EXCLUSIVE -> EnumSet.range(SHARE, ACCESS_EXCLUSIVE);
            case SHARE_UPDATE_EXCLUSIVE -> EnumSet.range(SHARE_UPDATE_EXCLUSIVE, ACCESS_EXCLUSIVE);
            case SHARE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
                    ACCESS_EXCLUSIVE);
            case SHARE_ROW_EXCLUSIVE -> EnumSet.range(ROW_EXCLUSIVE, ACCESS_EXCLUSIVE);
            case EXCLUSIVE -> EnumSet.range(ROW_SHARE, ACCESS_EXCLUSIVE);
            case ACCESS_EXCLUSIVE -> EnumSet.allOf(LockMode.class);
        };
    }

    /** What it blocks: reads take ACCESS SHARE, writes ROW EXCLUSIVE, VACUUM and most DDL SHARE UPDATE EXCLUSIVE. */
    public Blocks blocks() {
        if (conflictsWith(ACCESS_SHARE)) {
            return Blocks.READS_AND_WRITES;
        }
        if (conflictsWith(ROW_EXCLUSIVE)) {
            return Blocks.WRITES;
        }
        if (conflictsWith(SHARE_UPDATE_EXCLUSIVE)) {
            return Blocks.SCHEMA_CHANGES;
        }
        return Blocks.STRONGER_LOCKS;
    }

    /** SHARE or stronger: holding it on a table in use stops the application's writes (rules.md §3.1). */
    public boolean dangerous() {
        return ordinal() >= SHARE.ordinal();
    }
}
