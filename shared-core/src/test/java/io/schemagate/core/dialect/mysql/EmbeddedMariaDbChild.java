package io.schemagate.core.dialect.mysql;

/**
 * Run in a child JVM by {@link EmbeddedMariaDbTest}: starts an embedded MariaDB, prints
 * {@code READY <mariadbd pid> <run directory>}, then waits to be killed.
 */
public final class EmbeddedMariaDbChild {

    private EmbeddedMariaDbChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedMariaDb server = EmbeddedMariaDb.start();
        System.out.println("READY " + server.serverPid() + " " + server.runDirectory());
        System.out.flush();
        Thread.sleep(600_000);
        server.close();
    }
}
