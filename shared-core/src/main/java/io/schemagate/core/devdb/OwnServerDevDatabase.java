package io.schemagate.core.devdb;

import java.sql.Connection;
import java.util.List;

/**
 * A dev database on a server schemagate starts for the run (embedded, container). The server's superuser sets up
 * the run's role and scratch database like on any server ({@link ServiceDevDatabases}); this class hands out that
 * run's session and ends it before the server goes.
 */
abstract class OwnServerDevDatabase extends GuardedDevDatabase {

    private volatile GuardedDevDatabase run;

    /** Sets up the run on the started server, reached as its superuser at {@code superuser}. */
    final void openRun(PostgresUrl superuser, DevSettings settings) throws DevDatabaseException {
        run = ServiceDevDatabases.open(superuser, settings, false);
    }

    /** The run's dev database; null until {@link #openRun}. */
    final GuardedDevDatabase run() {
        return run;
    }

    @Override
    public final Connection connection() {
        GuardedDevDatabase session = run;
        return session == null ? null : session.connection();
    }

    @Override
    public final List<OutsideObject> outsideChanges() {
        GuardedDevDatabase session = run;
        return session == null ? List.of() : session.outsideChanges();
    }

    /** Ends the run's sessions (and, where the server outlives this, its database and role). */
    final void closeRun(boolean abrupt) {
        GuardedDevDatabase session = run;
        if (session != null) {
            session.close(abrupt);
        }
    }
}
