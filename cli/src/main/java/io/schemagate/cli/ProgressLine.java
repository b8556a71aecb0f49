package io.schemagate.cli;

import io.schemagate.core.lint.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code migrate lint}'s progress on stderr: nothing for the first seconds (most runs are over by then), then what
 * it is doing, at most one line a second, and only when that changed or has not changed for a while. A timer thread
 * prints, so a statement that runs for minutes is still shown as the one running.
 */
final class ProgressLine implements Progress, AutoCloseable {
    static final Duration FIRST_AFTER = Duration.ofSeconds(2);
    static final Duration EVERY = Duration.ofSeconds(1);
    /** How early a timer tick may come; gaps are measured with this much slack. */
    private static final long SLACK_NANOS = Duration.ofMillis(100).toNanos();
    /** An unchanged state is said again after this, so a long statement does not look like a hang. */
    static final Duration REPEAT_AFTER = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final long startNanos;
    private ScheduledExecutorService timer;
    /** The current file's part of the line; the whole line is {@link #state}. Written by the lint thread only. */
    private String doing;
    private volatile String state;
    private String printed;
    private long printedAtNanos;

    /** A line without a timer: {@link #tick} is called by its owner (tests). */
    ProgressLine(PrintWriter err, long startNanos) {
        this.err = err;
        this.startNanos = startNanos;
    }

    /** A line whose own daemon thread ticks once a second, from {@link #FIRST_AFTER} on. */
    static ProgressLine start(PrintWriter err) {
        ProgressLine line = new ProgressLine(err, System.nanoTime());
        line.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schemagate-progress");
            thread.setDaemon(true); // never keeps the JVM alive
            return thread;
        });
        line.timer.scheduleAtFixedRate(() -> line.tick(System.nanoTime()), FIRST_AFTER.toMillis(), EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return line;
    }

    @Override
    public void startingDevDatabase() {
        doing = "starting the dev database";
        state = doing;
    }

    @Override
    public void baseFile(int number, int count, String file) {
        doing = "replaying base file " + number + " of " + count + ": " + file;
        state = doing;
    }

    @Override
    public void newFile(int number, int count, String file) {
        doing = "replaying new file " + number + " of " + count + ": " + file;
        state = doing;
    }

    @Override
    public void statement(int line) {
        if (doing != null) {
            state = doing + ", statement at line " + line;
        }
    }

    /** Prints the state when it is time to: see the class comment. */
    synchronized void tick(long nowNanos) {
        String current = state;
        long elapsed = nowNanos - startNanos;
        if (current == null || elapsed < FIRST_AFTER.toNanos()) {
            return;
        }
        long sincePrinted = nowNanos - printedAtNanos;
        if (printed != null && (sincePrinted < EVERY.toNanos() - SLACK_NANOS
                || current.equals(printed) && sincePrinted < REPEAT_AFTER.toNanos() - SLACK_NANOS)) {
            return;
        }
        err.println("schemagate: " + current + " (" + TimeUnit.NANOSECONDS.toSeconds(elapsed) + " s)");
        err.flush();
        printed = current;
        printedAtNanos = nowNanos;
    }

    /** Stops the timer; no line follows (a tick in progress finishes first). */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdown(); // cancels the periodic tick without interrupting one that is printing
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
