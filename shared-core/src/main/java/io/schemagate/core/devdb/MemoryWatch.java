package io.schemagate.core.devdb;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Keeps a run that lives in shared memory ({@link MemoryRunBase}) from taking the machine's memory: the migrations are
 * hostile and may write gigabytes, which in a tmpfs belong to no process, so the OOM killer would pick the runner's
 * instead. Every {@link #PERIOD_MS} ms it reads how much the tmpfs and the machine (or container) still have; below
 * the floor it stops the server at once (immediate shutdown) and keeps the reason, which the run then reports.
 */
final class MemoryWatch implements AutoCloseable {
    static final long PERIOD_MS = 50;
    /** Half the spare a run needs to go to memory at all: what it may not take from everyone else. */
    static final long FLOOR = MemoryRunBase.SPARE / 2;

    private final Supplier<OptionalLong> free;
    private final long floor;
    private final LongConsumer stop;
    private final long pid;
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param free  bytes the run may still fill (empty: unknown, which counts as none left)
     * @param stop  asks the server with this pid to stop at once
     */
    MemoryWatch(Supplier<OptionalLong> free, long floor, long pid, LongConsumer stop) {
        this.free = free;
        this.floor = floor;
        this.pid = pid;
        this.stop = stop;
        this.thread = new Thread(this::watch, "schemagate-memory-watch");
        thread.setDaemon(true);
    }

    MemoryWatch start() {
        thread.start();
        return this;
    }

    private void watch() {
        while (!closed) {
            OptionalLong left = free.get();
            if (left.isEmpty() || left.getAsLong() < floor) {
                reason.set("it outgrew the memory it may use in shared memory (" + (left.isEmpty() ? "no figure"
                        : left.getAsLong() / (1 << 20) + " MB") + " left, the floor is " + floor / (1 << 20) + " MB), so it "
                        + "was stopped; SCHEMAGATE_RUN_IN_MEMORY=false runs it on disk");
                stop.accept(pid);
                return;
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Why the server was stopped under the run; empty while it was not. */
    Optional<String> stopped() {
        return Optional.ofNullable(reason.get());
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
