package io.schemagate.core.devdb;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cleanup contract every dev database shares: {@link #close()} runs {@link #release} once and never throws,
 * and a JVM shutdown hook runs it when the process is stopped (SIGINT, SIGTERM, {@code System.exit}) while the dev
 * database is open. The hook is removed on a normal close, so a long-lived JVM (tests, a Jenkins agent) does not
 * collect them.
 */
public abstract class GuardedDevDatabase implements DevDatabase {

    /** How long the hook lets a close already under way finish before the JVM halts. */
    private static final long CLOSE_IN_PROGRESS_WAIT_SECONDS = 30;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(() -> shutDown(true), "schemagate-dev-database-cleanup");

    /**
     * Arms the shutdown hook. Called before anything outside the JVM is created (the scratch database, the server,
     * the container), so a signal at any later moment still cleans up.
     */
    protected final void guard() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public final void close() {
        shutDown(false);
    }

    /**
     * The server goes away with its owner (the embedded server), so closing need not clean anything up on it: only
     * the sessions end. A stopped or dying server then cannot hold up the close.
     */
    void serverThrownAway() {
    }

    /** Undoes {@link #serverThrownAway()}: the server outlives the run after all (its cluster is kept). */
    void serverKept() {
    }

    /** {@link #close()} on behalf of an owner that is itself closing, abruptly or not (a server that wraps this one). */
    final void close(boolean abrupt) {
        shutDown(abrupt);
    }

    private void shutDown(boolean abrupt) {
        if (!closing.compareAndSet(false, true)) {
            if (abrupt) {
                awaitClosed();
            }
            return;
        }
        try {
            release(abrupt);
        } catch (RuntimeException | LinkageError ignored) {
            // close() never throws; a failed cleanup leaves a recognisable sg_dev_ database or temp directory
        } finally {
            closed.countDown();
            if (!abrupt) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting; the hook will find this one closed
                }
            }
        }
    }

    private void awaitClosed() {
        try {
            closed.await(CLOSE_IN_PROGRESS_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Frees what this dev database holds.
     *
     * @param abrupt the JVM is going down, and another thread may be in the middle of a statement on the connection
     */
    protected abstract void release(boolean abrupt);
}
