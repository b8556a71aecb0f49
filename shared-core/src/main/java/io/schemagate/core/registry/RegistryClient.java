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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the OCI distribution API that push and pull use, over {@code java.net.http}: blobs (HEAD, monolithic
 * POST+PUT upload, GET), manifests (GET, HEAD, PUT by tag or digest), and the Basic and Bearer token challenges.
 *
 * <p>No request can hang: connecting and waiting for an answer are each bounded by the network timeout, and a whole
 * exchange, body included, by the timeout too, except blob transfers, which get at least {@link #TRANSFER_BUDGET}
 * (a large file on a slow link), still failing within the timeout when the peer never answers at all.
 */
public final class RegistryClient {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The least a blob upload or download may take in all. */
    static final Duration TRANSFER_BUDGET = Duration.ofMinutes(2);
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");

    private final OciRef ref;
    private final Credentials credentials;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private String authorization;

    /**
     * @param insecure allow plain HTTP to a registry that is not on loopback
     */
    public RegistryClient(OciRef ref, Credentials credentials, boolean insecure) {
        this(ref, credentials, insecure, DEFAULT_TIMEOUT);
    }

    /**
     * @param insecure allow plain HTTP to a registry that is not on loopback
     * @param timeout  the longest wait to connect, and for an answer to any request
     */
    public RegistryClient(OciRef ref, Credentials credentials, boolean insecure, Duration timeout) {
        this.ref = ref;
        this.credentials = credentials;
        this.timeout = timeout;
        String scheme = insecure || loopback(ref.host()) ? "http" : "https";
        this.base = URI.create(scheme + "://" + apiHost(ref.registry()) + "/v2/" + ref.repository() + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
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
        // java.net.http's request timeout runs until the answer starts, so here it must cover sending the blob.
        HttpResponse<byte[]> done = send(() -> HttpRequest.newBuilder(put).timeout(transfer())
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), transfer());
        if (done.statusCode() != 201) {
            throw failure("uploading blob " + digest, done);
        }
    }

    /** A blob's bytes, checked against its digest. */
    public byte[] getBlob(String digest, long size) throws RegistryException {
        HttpResponse<byte[]> r = send(() -> request("blobs/" + digest).GET(), transfer());
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

    /** The answer must start within the timeout. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private Duration transfer() {
        return timeout.compareTo(TRANSFER_BUDGET) > 0 ? timeout : TRANSFER_BUDGET;
    }

    private HttpResponse<byte[]> send(Supplier<HttpRequest.Builder> request) throws RegistryException {
        return send(request, timeout);
    }

    /**
     * Sends, answering one authentication challenge; refused credentials become {@link Kind#UNAVAILABLE}.
     *
     * @param budget how long the whole exchange, body included, may take
     */
    private HttpResponse<byte[]> send(Supplier<HttpRequest.Builder> request, Duration budget) throws RegistryException {
        HttpResponse<byte[]> r = exchange(request.get(), authorization, budget, ref.registry());
        if (r.statusCode() != 401) {
            return r;
        }
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        authorization = answer(challenge);
        r = exchange(request.get(), authorization, budget, ref.registry());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw refused(r.statusCode() + " after authenticating");
        }
        return r;
    }

    /**
     * One request and its whole body within {@code budget}: java.net.http's own timeouts stop at the first byte of
     * the answer, so a peer that stalls in the middle of a body would otherwise hang the run.
     *
     * @param peer who is asked, for messages: the registry, or its token service
     */
    private HttpResponse<byte[]> exchange(HttpRequest.Builder b, String auth, Duration budget, String peer)
            throws RegistryException {
        if (auth != null) {
            b.header("Authorization", auth);
        }
        HttpRequest request = b.build();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return pending.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(peer, budget, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(peer, request.timeout().orElse(budget), cause);
            }
            if (cause instanceof ConnectException) {
                throw new RegistryException(Kind.UNAVAILABLE, peer + ": cannot connect ("
                        + (cause.getMessage() == null ? "connection refused" : cause.getMessage()) + ")", cause);
            }
            throw new RegistryException(Kind.UNAVAILABLE, peer + ": " + describe(cause), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryException(Kind.UNAVAILABLE, peer + ": interrupted", e);
        }
    }

    private static RegistryException timedOut(String peer, Duration waited, Throwable cause) {
        return new RegistryException(Kind.UNAVAILABLE, peer + ": no answer within " + seconds(waited)
                + " (--network-timeout)", cause);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describe(Throwable e) {
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(timeout).GET();
        HttpResponse<byte[]> r = exchange(b, credentials.anonymous() ? null : basic(), timeout, ref.registry() + ": token service " + realm);
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
