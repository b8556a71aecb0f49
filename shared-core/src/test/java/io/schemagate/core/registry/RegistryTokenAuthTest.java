package io.schemagate.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.registry.MigrationArtifact.Provenance;
import io.schemagate.core.testing.RegistryProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bearer token challenge, as GHCR, GitLab, Docker Hub and Harbor use it: a real registry with {@code auth: token}
 * and a tiny token server (JDK HttpServer) that checks Basic credentials and signs RS256 JWTs with a keytool key.
 */
class RegistryTokenAuthTest {
    static final String USER = "deployer";
    static final String PASSWORD = "t0ken-pass";
    static final String SERVICE = "schemagate-test-registry";
    static final String ISSUER = "schemagate-test-issuer";
    static final DirFormat ATLAS = DirFormat.byId("atlas").orElseThrow();
    static RegistryProcess registry;
    static HttpServer tokens;
    static PrivateKey key;
    static X509Certificate cert;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RegistryProcess.available() || System.getenv("CI") != null,
                "docker-registry is not installed (apt-get install docker-registry)");
        tokens = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokens.createContext("/token", RegistryTokenAuthTest::token);
        tokens.start();
        registry = new RegistryProcess(work -> {
            Path keystore = work.resolve("signing.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "signing", "-keyalg", "RSA", "-keysize",
                    "2048", "-dname", "CN=schemagate-test", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                    keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("keytool failed");
                }
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(keystore)) {
                    ks.load(in, "changeit".toCharArray());
                }
                key = (PrivateKey) ks.getKey("signing", "changeit".toCharArray());
                cert = (X509Certificate) ks.getCertificate("signing");
                Path pem = work.resolve("root.pem");
                Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
                return "  token:\n    realm: http://127.0.0.1:" + tokens.getAddress().getPort() + "/token\n"
                        + "    service: " + SERVICE + "\n    issuer: " + ISSUER + "\n    rootcertbundle: " + pem + "\n";
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (tokens != null) {
            tokens.stop(0);
        }
    }

    /** Grants what is asked to the right user; 401 otherwise. */
    static void token(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(auth)) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        ObjectMapper json = new ObjectMapper();
        ObjectNode claims = json.createObjectNode();
        long now = System.currentTimeMillis() / 1000;
        claims.put("iss", ISSUER).put("sub", USER).put("aud", SERVICE).put("exp", now + 300).put("nbf", now - 10)
                .put("iat", now).put("jti", UUID.randomUUID().toString());
        var access = claims.putArray("access");
        for (String part : query == null ? new String[0] : query.split("&")) {
            if (part.startsWith("scope=")) {
                String[] scope = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8).split(":");
                ObjectNode a = access.addObject().put("type", scope[0]).put("name", scope[1]);
                var actions = a.putArray("actions");
                for (String action : scope[2].split(",")) {
                    actions.add(action);
                }
            }
        }
        try {
            ObjectNode header = json.createObjectNode().put("typ", "JWT").put("alg", "RS256");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(cert.getEncoded()));
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String signingInput = url.encodeToString(json.writeValueAsBytes(header)) + "."
                    + url.encodeToString(json.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + url.encodeToString(rs256.sign());
            byte[] body = json.writeValueAsBytes(json.createObjectNode().put("token", jwt));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
        exchange.close();
    }

    RegistryClient client(String ref, Credentials c) throws RegistryException {
        return new RegistryClient(OciRef.parse(ref), c, false);
    }

    @Test
    void pushAndPullThroughTheTokenFlow() throws Exception {
        MigrationDir dir = RegistryPushPullTest.directory(temp.resolve("src"), "1_a.sql", "SELECT 1;\n");
        String repo = "oci://" + registry.host() + "/token/app";
        Credentials good = new Credentials(USER, PASSWORD, "test");
        MigrationArtifact.push(client(repo, good), dir, ATLAS, List.of("v1", "latest"), Provenance.NONE);
        Path out = temp.resolve("out");
        MigrationArtifact.pull(client(repo + ":v1", good), out);
        assertArrayEquals(Files.readAllBytes(dir.resolve("atlas.sum")), Files.readAllBytes(out.resolve("atlas.sum")));
    }

    @Test
    void wrongPasswordIsRefusedByTheTokenService() throws Exception {
        RegistryException e = assertThrows(RegistryException.class, () -> MigrationArtifact.pull(
                client("oci://" + registry.host() + "/token/app", new Credentials(USER, "nope", "test")),
                temp.resolve("o")));
        assertEquals(RegistryException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("credentials refused (user deployer)")
                && e.getMessage().contains("token service answered 401"), e.getMessage());
    }
}
