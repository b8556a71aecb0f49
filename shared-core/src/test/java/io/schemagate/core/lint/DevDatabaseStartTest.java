package io.schemagate.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dev database opened beside the directory's parsing: handed over, or closed when nobody takes it. */
class DevDatabaseStartTest {

    /** Counts its closes; nothing else is asked of it here. */
    private static final class Counted implements DevDatabase {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public Connection connection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String description() {
            return "counted";
        }

        @Override
        public int serverMajorVersion() {
            return 16;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void opensOnAnotherThreadAndHandsTheDatabaseOver() throws Exception {
        Counted db = new Counted();
        String[] thread = new String[1];
        DevDatabase taken;
        try (DevDatabaseStart start = new DevDatabaseStart(() -> {
            thread[0] = Thread.currentThread().getName();
            return db;
        })) {
            taken = start.get();
        }
        assertSame(db, taken);
        assertEquals("schemagate-dev-database-start", thread[0]);
        assertEquals(0, db.closes.get(), "taken: the caller closes it");
    }

    @Test
    void aDatabaseNobodyTookIsClosedOnceItsOpenHasFinished() {
        Counted db = new Counted();
        CountDownLatch opening = new CountDownLatch(1);
        DevDatabaseStart start = new DevDatabaseStart(() -> opensWhen(opening, db));
        // As when reading the directory fails while the server still starts: close waits for the open, then closes.
        new Thread(() -> {
            sleep(200);
            opening.countDown();
        }).start();
        start.close();
        assertEquals(1, db.closes.get());
    }

    @Test
    void anInterruptedCallerStillClosesWhatOpensLater() {
        Counted db = new Counted();
        CountDownLatch opening = new CountDownLatch(1);
        DevDatabaseStart start = new DevDatabaseStart(() -> opensWhen(opening, db));
        Thread.currentThread().interrupt();
        assertThrows(DevDatabaseException.class, start::get); // interrupted while waiting, flag set again
        assertTrue(Thread.currentThread().isInterrupted());
        new Thread(() -> {
            sleep(200);
            opening.countDown();
        }).start();
        start.close();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(1, db.closes.get());
    }

    @Test
    void aFailedOpenIsRethrownAsItWasAndClosingThenDoesNothing() {
        DevDatabaseException failure = new DevDatabaseException("cannot connect to postgres://ci:****@db:5432/app");
        DevDatabaseStart start = new DevDatabaseStart(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(DevDatabaseException.class, start::get));
        start.close();
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aBugInTheOpenIsNotDisguisedAsADatabaseFailure() {
        DevDatabaseStart start = new DevDatabaseStart(() -> {
            throw new IllegalStateException("bug");
        });
        IllegalStateException bug = assertThrows(IllegalStateException.class, start::get);
        assertEquals("bug", bug.getMessage());
        start.close();
    }

    /** An open that takes until {@code opening} counts down (at most 5 s). */
    private static DevDatabase opensWhen(CountDownLatch opening, DevDatabase db) {
        try {
            opening.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return db;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
