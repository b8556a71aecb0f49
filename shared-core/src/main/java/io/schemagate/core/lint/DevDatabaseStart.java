package io.schemagate.core.lint;

import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens the dev database on a thread of its own while the directory's files are parsed: a server's start (or a copy
 * of a cached base) waits on processes and disks, parsing on the CPU, so the two overlap. Closing it closes a
 * database that nobody {@linkplain #get took} (reading the directory failed), after its open has finished.
 */
final class DevDatabaseStart implements AutoCloseable {

    /** What opens the dev database, e.g. {@code () -> driver.open(url, settings)}. */
    @FunctionalInterface
    interface Open {
        DevDatabase open() throws DevDatabaseException;
    }

    private final Future<DevDatabase> opening;
    private boolean taken;

    DevDatabaseStart(Open open) {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "schemagate-dev-database-start");
            t.setDaemon(true); // never keeps the JVM alive; what the open started, the dev database's guard stops
            return t;
        });
        opening = thread.submit(open::open);
        thread.shutdown();
    }

    /** The open dev database, or what stopped it from opening. */
    DevDatabase get() throws DevDatabaseException {
        try {
            DevDatabase db = opening.get();
            taken = true;
            return db;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DevDatabaseException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevDatabaseException("interrupted while the dev database started", e);
        }
    }

    @Override
    public void close() {
        if (taken) {
            return;
        }
        // Waits out an interrupt too: a database that finishes opening after we stopped waiting would stay open.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    opening.get().close();
                    return;
                } catch (ExecutionException e) {
                    return; // it did not open: nothing to close
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
