package io.schemagate.core.sum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SumFileWriterTest {
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

    @TempDir
    Path dir;

    private final SumFile v1 = SumFile.compute(SumVectors.vector1().files());
    private final SumFile v2 = SumFile.compute(SumVectors.vector2().files());

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheExactBytes() throws Exception {
        assertTrue(SumFileWriter.write(dir, v1));

        assertArrayEquals(SumVectors.vector1().expected().getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(dir.resolve("atlas.sum")));
        assertEquals(List.of("atlas.sum"), listing(), "no temporary file is left behind");
    }

    @Test
    void unchangedRewriteReportsUnchangedAndKeepsTheMtime() throws Exception {
        Path sumFile = dir.resolve("atlas.sum");
        SumFileWriter.write(dir, v1);
        Files.setLastModifiedTime(sumFile, LONG_AGO);

        assertFalse(SumFileWriter.write(dir, SumFile.compute(SumVectors.vector1().files())));

        assertEquals(LONG_AGO, Files.getLastModifiedTime(sumFile));
        assertEquals(List.of("atlas.sum"), listing());
    }

    @Test
    void changedSumReplacesTheFile() throws Exception {
        Path sumFile = dir.resolve("atlas.sum");
        SumFileWriter.write(dir, v1);
        Files.setLastModifiedTime(sumFile, LONG_AGO);

        assertTrue(SumFileWriter.write(dir, v2));

        assertArrayEquals(SumVectors.vector2().expected().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(sumFile));
        assertTrue(Files.getLastModifiedTime(sumFile).compareTo(LONG_AGO) > 0);
        assertEquals(List.of("atlas.sum"), listing());
    }

    @Test
    void handEditedFileWithCrlfIsRewritten() throws Exception {
        Path sumFile = dir.resolve("atlas.sum");
        Files.writeString(sumFile, SumVectors.vector1().expected().replace("\n", "\r\n"));

        assertTrue(SumFileWriter.write(dir, v1), "same entries but other bytes");

        assertEquals(SumVectors.vector1().expected(), Files.readString(sumFile));
    }

    @Test
    void rewriteKeepsPermissions() throws Exception {
        Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null);
        Path sumFile = dir.resolve("atlas.sum");
        SumFileWriter.write(dir, v1);
        Files.setPosixFilePermissions(sumFile, PosixFilePermissions.fromString("rw-r-----"));

        SumFileWriter.write(dir, v2);

        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sumFile)));
    }

    @Test
    void missingDirectoryFailsWithoutLeavingFiles() throws Exception {
        Path missing = dir.resolve("missing");

        assertThrows(IOException.class, () -> SumFileWriter.write(missing, v1));

        assertEquals(List.of(), listing());
    }

    @Test
    void failedMoveRemovesTheTemporaryFile() throws Exception {
        // A non-empty directory in the way makes the final rename fail after the temp file was written.
        Files.createDirectories(dir.resolve("atlas.sum"));
        Files.writeString(dir.resolve("atlas.sum").resolve("keep"), "x");

        assertThrows(IOException.class, () -> SumFileWriter.write(dir, v1));

        assertEquals(List.of("atlas.sum"), listing());
    }
}
