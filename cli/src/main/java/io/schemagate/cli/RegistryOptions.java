package io.schemagate.cli;

import io.schemagate.core.registry.Credentials;
import io.schemagate.core.registry.OciRef;
import io.schemagate.core.registry.RegistryClient;
import io.schemagate.core.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Registry and network flags shared by the commands that go on the network ({@code migrate push}, {@code pull},
 * {@code lint}), and the mapping of registry failures. Made by {@link Main}'s factory, which hands it the session.
 */
public final class RegistryOptions {
    static final String NETWORK_TIMEOUT = "--network-timeout";

    private final Session session;

    @Option(names = "--username", paramLabel = "USER",
            description = "Registry user (else SCHEMAGATE_REGISTRY_USERNAME, CI_REGISTRY_USER on GitLab, GITHUB_TOKEN"
                    + " for ghcr.io in Actions, ~/.docker/config.json, else anonymous).")
    String username;

    @Option(names = "--password-stdin", description = "Read the registry password or token from stdin"
            + " (else SCHEMAGATE_REGISTRY_PASSWORD).")
    boolean passwordStdin;

    @Option(names = "--insecure", description = "Allow plain HTTP to a registry that is not on loopback.")
    boolean insecure;

    RegistryOptions(Session session) {
        this.session = session;
    }

    @Option(names = NETWORK_TIMEOUT, paramLabel = "DURATION", converter = TimeoutConverter.class,
            description = "Longest wait to connect to, or for an answer from, a registry or GitHub, e.g. 10s or 2m"
                    + " (else " + Session.NETWORK_TIMEOUT_VARIABLE + ", else 30s).")
    void networkTimeout(Duration timeout) {
        session.networkTimeout(timeout);
    }

    /** @param env the environment credentials may come from */
    RegistryClient client(OciRef ref, Map<String, String> env) {
        String password = null;
        if (passwordStdin) {
            try {
                password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new CliException(ExitCode.BAD_INPUT, "cannot read the password from stdin: " + e.getMessage(), e);
            }
            session.secrets().add(password);
        } else if (username != null) {
            password = env.get("SCHEMAGATE_REGISTRY_PASSWORD");
            if (password == null) {
                throw new CliException(ExitCode.BAD_INPUT,
                        "--username needs --password-stdin or SCHEMAGATE_REGISTRY_PASSWORD");
            }
        }
        String home = System.getProperty("user.home");
        Credentials credentials = Credentials.resolve(ref.registry(), username, password, env,
                home == null ? null : Path.of(home));
        if (!credentials.anonymous()) {
            // Found in a Docker config, say; and as the Basic authorization it is sent as.
            session.secrets().add(credentials.password());
            session.secrets().add(Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return new RegistryClient(ref, credentials, insecure, session.networkTimeout());
    }

    static OciRef parse(String text, String flag) {
        try {
            return OciRef.parse(text);
        } catch (RegistryException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage() + " (" + flag + ")", e);
        }
    }

    /** Exit 1 for a tag conflict, 2 for bad input or a bad artifact, 3 for the registry or network. */
    static CliException failure(RegistryException e) {
        int code = switch (e.kind()) {
            case TAG_CONFLICT -> ExitCode.GATE_FAILED;
            case BAD_REFERENCE, NOT_FOUND, INVALID -> ExitCode.BAD_INPUT;
            case UNAVAILABLE -> ExitCode.ENVIRONMENT;
        };
        return new CliException(code, e.getMessage(), e);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}: more than nothing. */
    static final class TimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            Duration timeout;
            try {
                timeout = TimeoutFlag.parse(text, NETWORK_TIMEOUT);
            } catch (CliException e) {
                timeout = Duration.ZERO;
            }
            if (timeout.isZero()) {
                throw new TypeConversionException("\"" + text + "\" is not a duration such as 500ms, 30s or 2m"
                        + " (from " + NETWORK_TIMEOUT + " or " + Session.NETWORK_TIMEOUT_VARIABLE + ")");
            }
            return timeout;
        }
    }
}
