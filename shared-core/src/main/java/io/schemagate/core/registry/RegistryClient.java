package io.schemagate.core.registry;

import io.schemagate.core.registry.RegistryException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the OCI distribution API that push and pull use, over {@code java.net.http}: blobs (HEAD, monolithic
 * POST+PUT upload, GET), manifests (GET, HEAD, PUT by tag or digest), and the Basic and Bearer token challenges.
 */
public final class RegistryClient {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");

    private final OciRef ref;
    private final Credentials credentials;
    private final URI base;
    private final HttpClient http;
    private String authorization;

    /**
     * @param insecure allow plain HTTP to a registry that is not on loopback
     */
    public RegistryClient(OciRef ref, Credentials credentials, boolean insecure) {
        this.ref = ref;
        this.credentials = credentials;
        String scheme = insecure || loopback(ref.host()) ? "http" : "https";
        this.base = URI.create(scheme + "://" + apiHost(ref.registry()) + "/v2/" + ref.repository() + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Docker Hub's API lives on registry-1.docker.io, whatever name users give it. */
    static String apiHost(String registry) {
        return registry.equals("docker.io") || registry.equals("index.docker.io") ? "registry-1.docker.io" : registry;
    }

    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve names here: only literal loopback addresses count
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public OciRef ref() {
        return ref;
    }

    /** A blob's size when the repository has it. */
    public boolean hasBlob(String digest) throws RegistryException {
        HttpResponse<byte[]> r = send(() -> request("blobs/" + digest).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw failure("HEAD blob " + digest, r);
    }

    /** Uploads one blob in a single request unless the repository already has it. */
    public void putBlob(String digest, byte[] bytes) throws RegistryException {
        if (hasBlob(digest)) {
            return;
        }
        HttpResponse<byte[]> start = send(() -> request("blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
        if (start.statusCode() != 202) {
            throw failure("starting a blob upload", start);
        }
        String location = start.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException(Kind.UNAVAILABLE,
                        ref.registry() + ": upload started without a Location header"));
        URI upload = base.resolve(location);
        String sep = upload.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        HttpResponse<byte[]> done = send(() -> HttpRequest.newBuilder(put).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        if (done.statusCode() != 201) {
            throw failure("uploading blob " + digest, done);
        }
    }

    /** A blob's bytes, checked against its digest. */
    public byte[] getBlob(String digest, long size) throws RegistryException {
        HttpResponse<byte[]> r = send(() -> request("blobs/" + digest).GET());
        if (r.statusCode() == 404) {
            throw new RegistryException(Kind.INVALID, ref.repositoryUrl() + ": blob " + digest + " is missing");
        }
        if (r.statusCode() != 200) {
            throw failure("GET blob " + digest, r);
        }
        byte[] body = r.body();
        String actual = sha256(body);
        if (!actual.equals(digest) || (size >= 0 && body.length != size)) {
            throw new RegistryException(Kind.INVALID, ref.repositoryUrl() + ": blob " + digest
                    + " is corrupt: its content hashes to " + actual + " (" + body.length + " bytes)");
        }
        return body;
    }

    /** The manifest's bytes under a tag or digest, empty when there is none; digest-checked. */
    public Optional<byte[]> getManifest(String reference) throws RegistryException {
        HttpResponse<byte[]> r = send(() -> request("manifests/" + reference).header("Accept", OCI_MANIFEST).GET());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw failure("GET manifest " + reference, r);
        }
        byte[] body = r.body();
        if (reference.startsWith("sha256:") && !sha256(body).equals(reference)) {
            throw new RegistryException(Kind.INVALID, ref.repositoryUrl() + ": manifest " + reference
                    + " is corrupt: its content hashes to " + sha256(body));
        }
        return Optional.of(body);
    }

    /** The digest of the manifest a tag points to, empty when the tag does not exist. */
    public Optional<String> manifestDigest(String tag) throws RegistryException {
        return getManifest(tag).map(RegistryClient::sha256);
    }

    public void putManifest(String reference, byte[] manifest) throws RegistryException {
        HttpResponse<byte[]> r = send(() -> request("manifests/" + reference).header("Content-Type", OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        if (r.statusCode() != 201) {
            throw failure("PUT manifest " + reference, r);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2));
    }

    /** Sends, answering one authentication challenge; refused credentials become {@link Kind#UNAVAILABLE}. */
    private HttpResponse<byte[]> send(Supplier<HttpRequest.Builder> request) throws RegistryException {
        HttpResponse<byte[]> r = exchange(request, authorization);
        if (r.statusCode() != 401) {
            return r;
        }
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        authorization = answer(challenge);
        r = exchange(request, authorization);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw refused(r.statusCode() + " after authenticating");
        }
        return r;
    }

    private HttpResponse<byte[]> exchange(Supplier<HttpRequest.Builder> request, String auth) throws RegistryException {
        HttpRequest.Builder b = request.get();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": cannot connect ("
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", e);
        } catch (HttpTimeoutException e) {
            throw new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": timed out", e);
        } catch (IOException e) {
            throw new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": interrupted", e);
        }
    }

    private static String describe(IOException e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getClass().getSimpleName();
    }

    private String answer(String challenge) throws RegistryException {
        String lower = challenge.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("basic")) {
            if (credentials.anonymous()) {
                throw refused("it requires a user name and password");
            }
            return basic();
        }
        if (lower.startsWith("bearer")) {
            return "Bearer " + token(params(challenge.substring("bearer".length())));
        }
        throw refused("unsupported authentication challenge \"" + challenge + "\"");
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> params(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(text);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        return params;
    }

    /** The token flow: GET realm?service=…&scope=… with Basic credentials if any. */
    private String token(Map<String, String> challenge) throws RegistryException {
        String realm = challenge.get("realm");
        if (realm == null) {
            throw refused("bearer challenge without a realm");
        }
        StringBuilder url = new StringBuilder(realm);
        char sep = realm.contains("?") ? '&' : '?';
        for (String key : new String[] {"service", "scope"}) {
            if (challenge.containsKey(key)) {
                url.append(sep).append(key).append('=').append(URLEncoder.encode(challenge.get(key), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofMinutes(1)).GET();
        if (!credentials.anonymous()) {
            b.header("Authorization", basic());
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": token service " + realm
                    + " unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": interrupted", e);
        }
        if (r.statusCode() != 200) {
            throw refused("the token service answered " + r.statusCode());
        }
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw refused("the token service returned no token");
            }
            return token;
        } catch (IOException e) {
            throw refused("the token service returned no JSON");
        }
    }

    private RegistryException refused(String why) {
        return new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": credentials refused ("
                + (credentials.anonymous() ? "anonymous" : "user " + credentials.username()) + "): " + why);
    }

    private RegistryException failure(String what, HttpResponse<byte[]> r) {
        String body = new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.UTF_8).strip();
        if (body.length() > 300) {
            body = body.substring(0, 300) + "…";
        }
        return new RegistryException(Kind.UNAVAILABLE, ref.registry() + ": " + what + " failed with HTTP "
                + r.statusCode() + (body.isEmpty() ? "" : ": " + body));
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
