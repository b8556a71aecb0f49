package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
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

    /**
     * What names these bytes without reading them: the archive's zip entry (name, size, CRC-32 from the jar's
     * directory). Reading and hashing the 15 MB archive cost 0.15 s of every embedded run. Empty where the archive is
     * not a jar's entry (a class path directory), or its entry does not say.
     */
    Optional<String> entryIdentity() throws IOException {
        if (jar.isPresent()) {
            try (ZipFile zip = new ZipFile(jar.get().toFile())) {
                return zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst().flatMap(PgArchive::identity);
            }
        }
        URL url = PgArchive.class.getClassLoader().getResource(resource);
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        return connection instanceof JarURLConnection entry ? identity(entry.getJarEntry()) : Optional.empty();
    }

    private static Optional<String> identity(ZipEntry entry) {
        return entry.getCrc() < 0 || entry.getSize() < 0 ? Optional.empty()
                : Optional.of(entry.getName() + " " + entry.getSize() + " " + Long.toHexString(entry.getCrc()));
    }

    /** For messages: the jar, or the bundled resource. */
    String describe() {
        return jar.map(Path::toString).orElse("the bundled " + resource);
    }
}
