package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jar this build packaged ({@code cli/target/schemagate.jar}, what the releases ship and the image copies)
 * carries the embedded PostgreSQL of both image platforms, so the default dev URL works offline on linux/amd64 and
 * linux/arm64: the shade step could drop either platform's binaries jar without any test on amd64 noticing.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize()
            .resolve("cli/target/schemagate.jar");
    /** zonky's archive names, as EmbeddedBinaries.BUNDLED_RESOURCES looks them up on the class path. */
    private static final List<String> ARCHIVES = List.of("postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz");
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

    @Test
    void bothPlatformsPostgresArchivesAreInTheJar() throws IOException {
        assumeTrue(Files.isRegularFile(JAR), JAR + " is absent (mvn package builds it): shaded jar check skipped");
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (String name : ARCHIVES) {
                ZipEntry archive = jar.getEntry(name);
                assertNotNull(archive, name + " is not in " + JAR);
                assertTrue(archive.getSize() > 5_000_000, name + " is " + archive.getSize() + " bytes: not PostgreSQL");
                try (InputStream in = jar.getInputStream(archive)) {
                    assertArrayEquals(XZ_MAGIC, in.readNBytes(XZ_MAGIC.length), name + " is not xz-compressed");
                }
            }
        }
    }
}
