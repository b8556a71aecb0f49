/**
 * Migration directories as OCI artifacts: {@code migrate push} and {@code migrate pull} against any registry that
 * speaks the OCI distribution API (GHCR, GitLab, Harbor, Docker Hub, Artifactory, a self-hosted registry).
 *
 * <p><b>Client choice.</b> The protocol code is a small client over {@code java.net.http} ({@link RegistryClient}):
 * blob HEAD, monolithic POST/PUT upload, GET; manifest GET/PUT by tag or digest; and the {@code WWW-Authenticate}
 * Basic and Bearer token challenges. {@code land.oras:oras-java-sdk} 0.7.0 (Maven Central) was tried first: it runs on
 * Java 17, but it brings caffeine, micrometer, zstd-jni (native code), commons-compress, a signed BouncyCastle jar
 * (its signature files break a shaded {@code schemagate.jar} unless stripped) and jackson TOML/YAML modules on a
 * different Jackson line than the one the root pom manages — all for the handful of requests used here — and as a 0.x
 * API it gives no hook for checking a tag before anything is uploaded, which tag immutability needs.
 *
 * <p><b>Artifact layout</b> ({@link MigrationArtifact}): an OCI image manifest with {@code artifactType}
 * {@value MigrationArtifact#ARTIFACT_TYPE}; one layer per file the format hashes, plus {@code atlas.sum}, each with an
 * {@code org.opencontainers.image.title} annotation holding its path in the directory, so {@code oras pull} restores
 * the directory too; a config blob with the format, the versions, the file names and the directory sum. Layers are in
 * the format's hashing order with {@code atlas.sum} last. The manifest is deterministic: the same directory, revision,
 * source and commit time always give the same bytes, so pushing again changes nothing. {@code created} is the commit
 * time of the revision when known and is otherwise left out, never the wall clock.
 *
 * <p><b>Tags.</b> Every tag but {@code latest} is immutable: all tags are checked before any upload, blobs go up
 * before the manifest, and a tag already holding a different manifest fails the push with nothing tagged.
 */
package io.schemagate.core.registry;
