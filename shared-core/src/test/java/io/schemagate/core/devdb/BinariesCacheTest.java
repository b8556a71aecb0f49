package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled archive, unpacked into a cache directory once and reused. */
class BinariesCacheTest {

    private static final PgArchive BUNDLED = PgArchive.bundled(EmbeddedBinaries.BUNDLED_RESOURCES.get("linux-amd64"));

    @TempDir
    Path cache;

    @Test
    void unpacksOnceAndReuses() throws Exception {
        Path installation = new BinariesCache(cache).unpack(BUNDLED);
        assertTrue(installation.startsWith(cache.resolve("binaries")), installation.toString());
        assertTrue(installation.getFileName().toString().matches("postgres-[0-9a-f]{16}"), installation.toString());
        assertTrue(Files.isExecutable(installation.resolve("bin/postgres")));
        assertTrue(Files.isExecutable(installation.resolve("bin/initdb")));
        assertTrue(Files.isSymbolicLink(installation.resolve("lib/libpq.so.5")));
        assertTrue(Files.readString(installation.resolve(BinariesCache.MARKER)).contains("entries="));

        Path sentinel = Files.writeString(installation.resolve("sentinel"), "kept");
        assertEquals(installation, new BinariesCache(cache).unpack(BUNDLED));
        assertTrue(Files.exists(sentinel), "a complete installation is used as it is");
        assertEquals(List.of(installation), children(cache.resolve("binaries")), "no temp directories left");
    }

    @Test
    void installationsNoRunUsedForTwoWeeksGoWithWhatWasKeptForThem() throws Exception {
        Path current = new BinariesCache(cache).unpack(BUNDLED);
        Path old = installation("postgres-0123456789abcdef", CachedInstallations.UNUSED.plusDays(1));
        Path recent = installation("postgres-fedcba9876543210", CachedInstallations.UNUSED.minusDays(1));
        Path unpacking = Files.createDirectories(cache.resolve("binaries").resolve("postgres-00000000000000aa"));
        Path kept = Files.createDirectories(cache.resolve("bases").resolve(old.getFileName()).resolve("snapshot"));
        Path keptForRecent = Files.createDirectories(cache.resolve("bases").resolve(recent.getFileName()).resolve("snapshot"));
        age(current.resolve(BinariesCache.MARKER), CachedInstallations.UNUSED.plusDays(30));
        assertEquals(current, new BinariesCache(cache).unpack(BUNDLED));
        assertTrue(Files.getLastModifiedTime(current.resolve(BinariesCache.MARKER)).toInstant()
                .isAfter(java.time.Instant.now().minusSeconds(60)), "used now: its marker says so");

        List<Path> removed = new BinariesCache(cache).removeUnusedBesides(current);
        removed.forEach(unused -> DataDirSnapshots.forget(cache, unused));

        assertEquals(List.of(old), removed);
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(kept.getParent()), "the clusters kept for it go too");
        assertTrue(BinariesCache.complete(current) && BinariesCache.complete(recent));
        assertTrue(Files.exists(keptForRecent) && Files.isDirectory(unpacking), "a directory without a marker is left alone");
        assertEquals(java.util.Set.of(current, unpacking, recent), java.util.Set.copyOf(children(cache.resolve("binaries"))),
                "no retired directory left");
    }

    /** A complete-looking installation (marker, tools) whose marker was last touched {@code ago}. */
    private Path installation(String name, java.time.Duration ago) throws Exception {
        Path bin = Files.createDirectories(cache.resolve("binaries").resolve(name).resolve("bin"));
        for (String tool : List.of("initdb", "postgres")) {
            Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
            bin.resolve(tool).toFile().setExecutable(true);
        }
        Path marker = Files.writeString(bin.getParent().resolve(BinariesCache.MARKER), "entries=2\n");
        age(marker, ago);
        return bin.getParent();
    }

    private static void age(Path file, java.time.Duration ago) throws Exception {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(ago)));
    }

    @Test
    void incompleteInstallationIsReplaced() throws Exception {
        Path installation = new BinariesCache(cache).unpack(BUNDLED);
        Files.delete(installation.resolve(BinariesCache.MARKER)); // as if a copy was cut short
        Files.delete(installation.resolve("bin/postgres"));
        assertFalse(BinariesCache.complete(installation));
        assertEquals(installation, new BinariesCache(cache).unpack(BUNDLED));
        assertTrue(BinariesCache.complete(installation));
        assertEquals(List.of(installation), children(cache.resolve("binaries")));
    }

    @Test
    void concurrentRunsBothGetACompleteInstallation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Path> unpack = () -> new BinariesCache(cache).unpack(BUNDLED);
            List<Future<Path>> results = pool.invokeAll(List.of(unpack, unpack));
            Path first = results.get(0).get();
            assertEquals(first, results.get(1).get());
            assertTrue(BinariesCache.complete(first));
            assertEquals(List.of(first), children(cache.resolve("binaries")), "the loser's temp directory is gone");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Path> children(Path directory) throws Exception {
        try (Stream<Path> list = Files.list(directory)) {
            return list.sorted().toList();
        }
    }
}
