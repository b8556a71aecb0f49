package io.schemagate.cli;

/** State of one CLI invocation that every command sees: where output goes, and whether to be verbose. */
final class Session {
    private final Terminal terminal;
    private boolean verbose;
    private volatile boolean interrupted;

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

    /** Whether the JVM is shutting down (SIGINT/SIGTERM): failures then are consequences, not news. */
    boolean interrupted() {
        return interrupted;
    }

    void interrupt() {
        interrupted = true;
    }
}
