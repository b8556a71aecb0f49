package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code .txz} of PostgreSQL binaries (zonky's builds): a class path resource (bundled) or the single archive
 * inside a downloaded binaries jar. {@link BinariesCache} unpacks it once per cache directory.
 *
 * @param jar      the downloaded jar; empty for the bundled archive
 * @param resource the class path resource when bundled
 */
record PgArchive(Optional<Path> jar, String resource) {

    static PgArchive bundled(String resource) {
        return new PgArchive(Optional.empty(), resource);
    }

    static PgArchive inJar(Path jar) {
        return new PgArchive(Optional.of(jar), "");
    }

    /** The archive's bytes (xz-compressed tar, some 15 MB): read whole, so the jar is closed again at once. */
    byte[] read() throws IOException {
        if (jar.isEmpty()) {
            try (InputStream bundled = PgArchive.class.getClassLoader().getResourceAsStream(resource)) {
                if (bundled == null) {
                    throw new IOException("the bundled PostgreSQL archive " + resource + " is missing from the class path");
                }
                return bundled.readAllBytes();
            }
        }
        try (ZipFile zip = new ZipFile(jar.get().toFile())) {
            ZipEntry archive = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("no .txz archive in " + jar.get()));
            try (InputStream in = zip.getInputStream(archive)) {
                return in.readAllBytes();
            }
        }
    }

    /** For messages: the jar, or the bundled resource. */
    String describe() {
        return jar.map(Path::toString).orElse("the bundled " + resource);
    }
}
