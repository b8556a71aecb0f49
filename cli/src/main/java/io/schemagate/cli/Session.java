package io.schemagate.cli;

/** State of one CLI invocation that every command sees: where output goes, and whether to be verbose. */
final class Session {
    private final Terminal terminal;
    private boolean verbose;

    Session(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    boolean verbose() {
        return verbose;
    }

    void verbose(boolean on) {
        verbose = on;
    }
}
