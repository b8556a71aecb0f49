package io.schemagate.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * State of one CLI invocation that every command sees: where output goes, the environment, its secrets, whether to
 * be verbose, how long to wait on the network, and whether it runs as the GitHub Action.
 */
final class Session {
    static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(30);
    /** Read when {@code --network-timeout} is not given. */
    static final String NETWORK_TIMEOUT_VARIABLE = "SCHEMAGATE_NETWORK_TIMEOUT";

    private final Secrets secrets = new Secrets();
    private final Terminal terminal;
    private Map<String, String> env;
    private boolean verbose;
    private Duration networkTimeout = DEFAULT_NETWORK_TIMEOUT;
    private volatile boolean interrupted;
    private GithubAction action;

    /** @param terminal where output goes; the session writes to it only through {@link #secrets()} */
    Session(Terminal terminal, Map<String, String> env) {
        this.env = Map.copyOf(env);
        secrets.addEnvironment(this.env);
        this.terminal = terminal.redactedBy(secrets);
    }

    /** Where output goes, secrets hidden. */
    Terminal terminal() {
        return terminal;
    }

    /** The run's secret values; commands add what they learn (a password from stdin, Docker credentials). */
    Secrets secrets() {
        return secrets;
    }

    /** The environment commands see; as the action, with the action's token in it (see {@link GithubAction}). */
    Map<String, String> env() {
        return env;
    }

    /** Set when the command line came from the action's inputs rather than from arguments. */
    Optional<GithubAction> action() {
        return Optional.ofNullable(action);
    }

    void action(GithubAction run) {
        action = run;
        env = run.environment(env);
        secrets.addEnvironment(env);
        secrets.addArguments(run.arguments());
    }

    boolean verbose() {
        return verbose;
    }

    void verbose(boolean on) {
        verbose = on;
    }

    /** The connect and read timeout of every request to a registry or GitHub. */
    Duration networkTimeout() {
        return networkTimeout;
    }

    void networkTimeout(Duration timeout) {
        networkTimeout = timeout;
    }

    /** Whether the JVM is shutting down (SIGINT/SIGTERM): failures then are consequences, not news. */
    boolean interrupted() {
        return interrupted;
    }

    void interrupt() {
        interrupted = true;
    }
}
