package io.schemagate.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A user name and password (or token) for a registry; {@link #ANONYMOUS} when there is none.
 * {@link #toString()} never shows the password.
 */
public record Credentials(String username, String password, String source) {
    public static final Credentials ANONYMOUS = new Credentials(null, null, "anonymous");

    public boolean anonymous() {
        return username == null;
    }

    /**
     * The first credentials that apply to {@code registry} (host[:port]), in this order: the flags;
     * {@code SCHEMAGATE_REGISTRY_USERNAME}/{@code _PASSWORD}; GitLab's {@code CI_REGISTRY_USER}/{@code CI_REGISTRY_PASSWORD}
     * when {@code CI_REGISTRY} is this registry; {@code GITHUB_TOKEN} for ghcr.io in GitHub Actions; the {@code auths}
     * of {@code ~/.docker/config.json} (or {@code $DOCKER_CONFIG/config.json}); else anonymous.
     */
    public static Credentials resolve(String registry, String flagUser, String flagPassword, Map<String, String> env,
                                      Path home) {
        if (flagUser != null && flagPassword != null) {
            return new Credentials(flagUser, flagPassword, "--username/--password");
        }
        String user = env.get("SCHEMAGATE_REGISTRY_USERNAME");
        String pass = env.get("SCHEMAGATE_REGISTRY_PASSWORD");
        if (notBlank(user) && notBlank(pass)) {
            return new Credentials(user, pass, "SCHEMAGATE_REGISTRY_USERNAME");
        }
        if (registry.equalsIgnoreCase(env.get("CI_REGISTRY")) && notBlank(env.get("CI_REGISTRY_USER"))
                && notBlank(env.get("CI_REGISTRY_PASSWORD"))) {
            return new Credentials(env.get("CI_REGISTRY_USER"), env.get("CI_REGISTRY_PASSWORD"), "CI_REGISTRY_USER");
        }
        if (registry.equalsIgnoreCase("ghcr.io") && "true".equals(env.get("GITHUB_ACTIONS"))
                && notBlank(env.get("GITHUB_TOKEN"))) {
            String actor = notBlank(env.get("GITHUB_ACTOR")) ? env.get("GITHUB_ACTOR") : "github-actions";
            return new Credentials(actor, env.get("GITHUB_TOKEN"), "GITHUB_TOKEN");
        }
        Path config = notBlank(env.get("DOCKER_CONFIG")) ? Path.of(env.get("DOCKER_CONFIG"), "config.json")
                : home == null ? null : home.resolve(".docker/config.json");
        if (config != null) {
            Optional<Credentials> docker = dockerConfig(config, registry);
            if (docker.isPresent()) {
                return docker.get();
            }
        }
        return ANONYMOUS;
    }

    /** The {@code auths} entry for {@code registry}: keyed by host[:port] or by a URL naming it. */
    static Optional<Credentials> dockerConfig(Path config, String registry) {
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        JsonNode auths;
        try {
            auths = new ObjectMapper().readTree(config.toFile()).path("auths");
        } catch (IOException e) {
            return Optional.empty();
        }
        var names = auths.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            String host = key.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            boolean dockerHub = registry.equals("registry-1.docker.io") && host.equals("index.docker.io");
            if (!host.equalsIgnoreCase(registry) && !dockerHub) {
                continue;
            }
            String auth = auths.path(key).path("auth").asText("");
            if (auth.isEmpty()) {
                continue;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue;
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1),
                        config.toString()));
            }
        }
        return Optional.empty();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return anonymous() ? "anonymous" : username + " (from " + source + ")";
    }
}
