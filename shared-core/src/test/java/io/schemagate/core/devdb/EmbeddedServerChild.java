package io.schemagate.core.devdb;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedServerLifecycleTest}: opens {@code embedded://postgres}, prints
 * {@code READY <postmaster pid> <run directory>}, then sits in a long statement until it is killed.
 */
public final class EmbeddedServerChild {

    private EmbeddedServerChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDevDatabase db = (EmbeddedDevDatabase) DevDatabase.open(DevUrl.parse("embedded://postgres"), DevSettings.defaults());
        System.out.println("READY " + db.server().postmasterPid() + " " + db.server().runDirectory());
        System.out.flush();
        try (Statement s = db.connection().createStatement()) {
            s.execute("SELECT pg_sleep(600)");
        } catch (SQLException expected) {
            // ended by the shutdown hook
        }
    }
}
