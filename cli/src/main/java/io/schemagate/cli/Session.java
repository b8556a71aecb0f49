package io.schemagate.cli;

import java.util.Map;
import java.util.Optional;

/**
 * State of one CLI invocation that every command sees: where output goes, the environment, whether to be verbose,
 * and whether it runs as the GitHub Action.
 */
final class Session {
    private final Terminal terminal;
    private Map<String, String> env;
    private boolean verbose;
    private volatile boolean interrupted;
    private GithubAction action;

    Session(Terminal terminal, Map<String, String> env) {
        this.terminal = terminal;
        this.env = Map.copyOf(env);
    }

    Terminal terminal() {
        return terminal;
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
    }

    boolean verbose() {
        return verbose;
    }

    void verbose(boolean on) {
        verbose = on;
    }

    /** Whether the JVM is shutting down (SIGINT/SIGTERM): failures then are consequences, not news. */
    boolean interrupted() {
        return interrupted;
    }

    void interrupt() {
        interrupted = true;
    }
}
