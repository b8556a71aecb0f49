package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watch over a run in shared memory: it stops the server once, when what is left falls below the floor. */
class MemoryWatchTest {

    @Test
    void stopsTheServerWhenFreeMemoryFallsBelowTheFloorAndSaysWhy() throws Exception {
        AtomicLong free = new AtomicLong(3L << 30);
        List<Long> stopped = new CopyOnWriteArrayList<>();
        try (MemoryWatch watch = new MemoryWatch(() -> OptionalLong.of(free.get()), 1L << 30, 4242, stopped::add).start()) {
            Thread.sleep(5 * MemoryWatch.PERIOD_MS);
            assertEquals(List.of(), stopped);
            assertFalse(watch.stopped().isPresent());

            free.set((1L << 30) - 1);
            waitFor(() -> !stopped.isEmpty());
            Thread.sleep(5 * MemoryWatch.PERIOD_MS);
            assertEquals(List.of(4242L), stopped, "stopped once, the server's pid");
            assertTrue(watch.stopped().orElseThrow().contains("1023 MB left, the floor is 1024 MB"), watch.stopped().get());
        }
    }

    @Test
    void noFigureCountsAsNothingLeft() throws Exception {
        List<Long> stopped = new CopyOnWriteArrayList<>();
        try (MemoryWatch watch = new MemoryWatch(OptionalLong::empty, 1, 7, stopped::add).start()) {
            waitFor(() -> watch.stopped().isPresent());
            assertEquals(List.of(7L), stopped);
        }
    }

    @Test
    void aClosedWatchStopsNothing() throws Exception {
        AtomicLong free = new AtomicLong(1L << 40);
        List<Long> stopped = new CopyOnWriteArrayList<>();
        MemoryWatch watch = new MemoryWatch(() -> OptionalLong.of(free.get()), 1L << 30, 1, stopped::add).start();
        watch.close();
        Thread.sleep(2 * MemoryWatch.PERIOD_MS);
        free.set(0);
        Thread.sleep(5 * MemoryWatch.PERIOD_MS);
        assertEquals(List.of(), stopped);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "not within 5 s");
    }
}
