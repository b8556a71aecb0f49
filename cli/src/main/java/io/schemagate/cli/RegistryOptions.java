package io.schemagate.cli;

import io.schemagate.core.registry.Credentials;
import io.schemagate.core.registry.OciRef;
import io.schemagate.core.registry.RegistryClient;
import io.schemagate.core.registry.RegistryException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Registry flags shared by {@code migrate push} and {@code migrate pull}, and the mapping of registry failures. */
public final class RegistryOptions {
    @Option(names = "--username", paramLabel = "USER",
            description = "Registry user (else SCHEMAGATE_REGISTRY_USERNAME, CI_REGISTRY_USER on GitLab, GITHUB_TOKEN"
                    + " for ghcr.io in Actions, ~/.docker/config.json, else anonymous).")
    String username;

    @Option(names = "--password-stdin", description = "Read the registry password or token from stdin"
            + " (else SCHEMAGATE_REGISTRY_PASSWORD).")
    boolean passwordStdin;

    @Option(names = "--insecure", description = "Allow plain HTTP to a registry that is not on loopback.")
    boolean insecure;

    /** @param env the environment credentials may come from */
    RegistryClient client(OciRef ref, Map<String, String> env) {
        String password = null;
        if (passwordStdin) {
            try {
                password = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (java.io.IOException e) {
                throw new CliException(ExitCode.BAD_INPUT, "cannot read the password from stdin: " + e.getMessage(), e);
            }
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
        return new RegistryClient(ref, credentials, insecure);
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
}
