package io.schemagate.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.Listing;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.migrate.MigrationFile;
import io.schemagate.core.registry.RegistryException.Kind;
import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumFormatException;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.sum.SumMismatch;
import io.schemagate.core.sum.SumVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** A migration directory as an OCI artifact: {@link #push} and {@link #pull} (layout in {@code package-info}). */
public final class MigrationArtifact {
    public static final String ARTIFACT_TYPE = "application/vnd.schemagate.migrations.v1";
    public static final String CONFIG_TYPE = "application/vnd.schemagate.migrations.config.v1+json";
    public static final String FILE_TYPE = "application/vnd.schemagate.migrations.file.v1";
    public static final String SUM_TYPE = "application/vnd.schemagate.migrations.sum.v1";
    public static final String TITLE = "org.opencontainers.image.title";
    public static final String LATEST = "latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationArtifact() {
    }

    /**
     * Where the directory came from; each part is optional (null) and, when given, becomes an annotation.
     *
     * @param revision {@code org.opencontainers.image.revision}, the commit SHA
     * @param source   {@code org.opencontainers.image.source}, the repository URL
     * @param created  {@code org.opencontainers.image.created}, the commit time (RFC 3339); never the wall clock
     */
    public record Provenance(String revision, String source, String created) {
        public static final Provenance NONE = new Provenance(null, null, null);
    }

    /**
     * @param digest  the manifest digest
     * @param created tags that now point to it and did not before
     * @param kept    tags that already pointed to it
     */
    public record PushResult(String digest, List<String> created, List<String> kept) {
    }

    /**
     * Pushes the files {@code format} hashes plus {@code atlas.sum}, which must be present and current. Every tag but
     * {@code latest} is checked first: a tag holding another manifest fails the push before anything is uploaded.
     */
    public static PushResult push(RegistryClient client, MigrationDir dir, DirFormat format, List<String> tags,
                                  Provenance provenance) throws RegistryException, IOException {
        Listing listing = format.list(dir);
        byte[] sumBytes = checkedSum(dir, listing);
        List<Layer> layers = new ArrayList<>();
        for (SumInput in : listing.hashed()) {
            layers.add(new Layer(in.name(), FILE_TYPE, in.bytes()));
        }
        layers.add(new Layer(SumFile.FILE_NAME, SUM_TYPE, sumBytes));
        byte[] config = config(format, listing, sumBytes);
        byte[] manifest = manifest(config, layers, provenance);
        String digest = RegistryClient.sha256(manifest);

        Set<String> wanted = new LinkedHashSet<>(tags);
        List<String> kept = new ArrayList<>();
        List<String> todo = new ArrayList<>();
        for (String tag : wanted) {
            OciRef.checkTag(tag);
            Optional<String> existing = client.manifestDigest(tag);
            if (existing.isPresent() && existing.get().equals(digest)) {
                kept.add(tag);
            } else if (existing.isPresent() && !tag.equals(LATEST)) {
                throw new RegistryException(Kind.TAG_CONFLICT, client.ref().repositoryUrl() + ":" + tag
                        + " already holds different content (" + existing.get() + "; this directory is " + digest
                        + "); tags other than latest are immutable: push under a new tag");
            } else {
                todo.add(tag);
            }
        }
        if (!todo.isEmpty()) {
            client.putBlob(RegistryClient.sha256(config), config);
            for (Layer layer : layers) {
                client.putBlob(RegistryClient.sha256(layer.bytes), layer.bytes);
            }
            client.putManifest(digest, manifest);
            for (String tag : todo) {
                client.putManifest(tag, manifest);
            }
        }
        return new PushResult(digest, List.copyOf(todo), List.copyOf(kept));
    }

    /** {@code atlas.sum} as stored, after checking it matches the directory. */
    private static byte[] checkedSum(MigrationDir dir, Listing listing) throws RegistryException, IOException {
        Path sumPath = dir.resolve(SumFile.FILE_NAME);
        String shown = dir.displayOf(SumFile.FILE_NAME);
        if (!Files.isRegularFile(sumPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new RegistryException(Kind.INVALID, shown + " is missing; run \"schemagate migrate hash --dir "
                    + dir.display() + "\" before pushing");
        }
        byte[] bytes = Files.readAllBytes(sumPath);
        verifySum(shown, bytes, listing.hashed());
        return bytes;
    }

    private static void verifySum(String shown, byte[] sumBytes, List<SumInput> hashed) throws RegistryException {
        SumFile stored;
        try {
            stored = SumFile.parse(shown, sumBytes);
        } catch (SumFormatException e) {
            throw new RegistryException(Kind.INVALID, shown + " is malformed: " + e.getMessage(), e);
        }
        Optional<SumMismatch> mismatch = SumVerifier.verify(stored, SumFile.compute(hashed));
        if (mismatch.isPresent()) {
            throw new RegistryException(Kind.INVALID, shown + " does not match the directory ("
                    + mismatch.get().file() + " " + mismatch.get().reason().name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        }
    }

    private record Layer(String name, String mediaType, byte[] bytes) {
    }

    private static byte[] config(DirFormat format, Listing listing, byte[] sumBytes) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.put("format", format.id());
        String firstLine = new String(sumBytes, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
        c.put("sum", firstLine);
        ArrayNode versions = c.putArray("versions");
        for (MigrationFile f : listing.files()) {
            if (f.version() != null && !f.version().isEmpty()) {
                versions.add(f.version());
            }
        }
        ArrayNode files = c.putArray("files");
        listing.hashed().forEach(in -> files.add(in.name()));
        return JSON.writeValueAsBytes(c);
    }

    private static byte[] manifest(byte[] config, List<Layer> layers, Provenance p) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", RegistryClient.OCI_MANIFEST);
        m.put("artifactType", ARTIFACT_TYPE);
        ObjectNode c = m.putObject("config");
        c.put("mediaType", CONFIG_TYPE);
        c.put("digest", RegistryClient.sha256(config));
        c.put("size", config.length);
        ArrayNode ls = m.putArray("layers");
        for (Layer layer : layers) {
            ObjectNode l = ls.addObject();
            l.put("mediaType", layer.mediaType);
            l.put("digest", RegistryClient.sha256(layer.bytes));
            l.put("size", layer.bytes.length);
            l.putObject("annotations").put(TITLE, layer.name);
        }
        ObjectNode a = m.putObject("annotations");
        if (p.created() != null) {
            a.put("org.opencontainers.image.created", p.created());
        }
        if (p.revision() != null) {
            a.put("org.opencontainers.image.revision", p.revision());
        }
        if (p.source() != null) {
            a.put("org.opencontainers.image.source", p.source());
        }
        return JSON.writeValueAsBytes(m);
    }

    /**
     * @param digest the manifest digest pulled
     * @param format the directory format recorded at push
     * @param files  the file names written, {@code atlas.sum} last
     */
    public record PullResult(String digest, String format, List<String> files) {
    }

    /**
     * The pushed directory's files and format, every digest and the sum file verified; nothing is written. Used by
     * {@link #pull} and by {@code lint --base oci://}.
     */
    public static Fetched fetch(RegistryClient client) throws RegistryException {
        String reference = client.ref().reference();
        byte[] manifestBytes = client.getManifest(reference).orElseThrow(() -> new RegistryException(Kind.NOT_FOUND,
                client.ref() + ": no such tag or digest in " + client.ref().repositoryUrl()));
        String digest = RegistryClient.sha256(manifestBytes);
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (IOException e) {
            throw new RegistryException(Kind.INVALID, client.ref() + ": the manifest is not JSON");
        }
        if (!ARTIFACT_TYPE.equals(manifest.path("artifactType").asText())) {
            throw new RegistryException(Kind.INVALID, client.ref() + " is not a schemagate migration directory"
                    + " (artifactType \"" + manifest.path("artifactType").asText() + "\", expected " + ARTIFACT_TYPE + ")");
        }
        JsonNode configRef = manifest.path("config");
        byte[] configBytes = client.getBlob(configRef.path("digest").asText(), configRef.path("size").asLong(-1));
        String formatId;
        try {
            formatId = JSON.readTree(configBytes).path("format").asText();
        } catch (IOException e) {
            throw new RegistryException(Kind.INVALID, client.ref() + ": the config blob is not JSON");
        }
        DirFormat format = DirFormat.byId(formatId).orElseThrow(() -> new RegistryException(Kind.INVALID,
                client.ref() + ": unknown directory format \"" + formatId + "\""));
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (JsonNode layer : manifest.path("layers")) {
            String name = layer.path("annotations").path(TITLE).asText("");
            checkName(client.ref(), name, format);
            if (files.containsKey(name)) {
                throw new RegistryException(Kind.INVALID, client.ref() + ": \"" + name + "\" appears twice");
            }
            files.put(name, client.getBlob(layer.path("digest").asText(), layer.path("size").asLong(-1)));
        }
        byte[] sum = files.get(SumFile.FILE_NAME);
        if (sum == null) {
            throw new RegistryException(Kind.INVALID, client.ref() + ": the artifact has no atlas.sum");
        }
        return new Fetched(digest, format, files);
    }

    /** What {@link #fetch} read: file name to bytes, in layer order. */
    public record Fetched(String digest, DirFormat format, Map<String, byte[]> files) {
    }

    /**
     * Restores the directory pushed under {@code client.ref()} into {@code out}, which must be empty or absent.
     * Every blob is checked against its digest before anything is written; the written directory is then listed the
     * way its format lists it and {@code atlas.sum} verified against it.
     */
    public static PullResult pull(RegistryClient client, Path out) throws RegistryException, IOException {
        Fetched fetched = fetch(client);
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                throw new RegistryException(Kind.INVALID, out + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new RegistryException(Kind.INVALID, out + " is not empty; pull into a new or empty directory");
                }
            }
        } else {
            Files.createDirectories(out);
        }
        Path root = out.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        try {
            return write(client, fetched, out, root, written);
        } catch (RegistryException | IOException | RuntimeException e) {
            // Leave OUT as it was (empty): a half-restored directory must not be mistaken for a release.
            for (int i = written.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(written.get(i));
            }
            throw e;
        }
    }

    private static PullResult write(RegistryClient client, Fetched fetched, Path out, Path root, List<Path> written)
            throws RegistryException, IOException {
        for (Map.Entry<String, byte[]> file : fetched.files().entrySet()) {
            Path target = root.resolve(file.getKey()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new RegistryException(Kind.INVALID, "refusing to write " + file.getKey() + " outside " + out);
            }
            Path parent = target.getParent();
            for (Path p = parent; !p.equals(root); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    throw new RegistryException(Kind.INVALID, "refusing to write through the link " + p);
                }
            }
            List<Path> missing = new ArrayList<>();
            for (Path p = parent; !p.equals(root) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
                missing.add(0, p);
            }
            for (Path p : missing) {
                Files.createDirectory(p);
                written.add(p);
            }
            Files.write(target, file.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            written.add(target);
        }
        MigrationDir dir = new MigrationDir(out, out.toString());
        Listing listing = fetched.format().list(dir);
        verifySum(dir.displayOf(SumFile.FILE_NAME), fetched.files().get(SumFile.FILE_NAME), listing.hashed());
        Set<String> expected = new LinkedHashSet<>(fetched.files().keySet());
        expected.remove(SumFile.FILE_NAME);
        Set<String> listed = new LinkedHashSet<>();
        listing.hashed().forEach(in -> listed.add(in.name()));
        if (!expected.equals(listed)) {
            throw new RegistryException(Kind.INVALID, client.ref() + ": the pulled files " + expected
                    + " are not what the " + fetched.format().id() + " format lists " + listed);
        }
        return new PullResult(fetched.digest(), fetched.format().id(), List.copyOf(fetched.files().keySet()));
    }

    /**
     * The pushed directory under {@code client.ref()} listed by {@code format}, for {@code lint --base oci://…}: pulled
     * (every digest and the sum checked) into a scratch directory that is deleted again; the listing keeps the bytes.
     *
     * @param display the working tree's display name, so that names and display paths of both listings line up
     */
    public static Listing baseListing(RegistryClient client, DirFormat format, String display)
            throws RegistryException, IOException {
        Path scratch = Files.createTempDirectory("schemagate-pushed-");
        try {
            Path out = scratch.resolve("dir");
            PullResult pulled = pull(client, out);
            if (!pulled.format().equals(format.id())) {
                throw new RegistryException(Kind.INVALID, client.ref() + " was pushed as a " + pulled.format()
                        + " directory, not " + format.id() + " (--dir-format)");
            }
            return format.list(new MigrationDir(out, display));
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a leftover scratch folder is harmless
            }
        }
    }

    /**
     * A layer title must be a plain relative path: no {@code ..} or {@code .} segments, not absolute, no backslash or
     * control characters, and sub-directories only for formats that nest (Flyway, Liquibase).
     */
    static void checkName(OciRef ref, String name, DirFormat format) throws RegistryException {
        boolean nests = format.id().equals("flyway") || format.id().equals("liquibase");
        String why = null;
        if (name.isEmpty()) {
            why = "a layer has no " + TITLE + " annotation";
        } else if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            why = "\"" + name + "\" is an absolute or non-portable path";
        } else if (name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            why = "\"" + name + "\" contains control characters";
        } else if (!nests && name.contains("/")) {
            why = "\"" + name + "\" is in a sub-directory, which the " + format.id() + " format does not use";
        } else {
            for (String segment : name.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    why = "\"" + name + "\" has an empty, . or .. path segment";
                    break;
                }
            }
        }
        if (why != null) {
            throw new RegistryException(Kind.INVALID, ref + ": refusing the artifact: " + why);
        }
    }
}
