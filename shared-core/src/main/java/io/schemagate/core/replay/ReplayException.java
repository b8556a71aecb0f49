package io.schemagate.core.replay;

/** The dev database stopped answering during replay (not a statement it refused): an environment failure. */
public final class ReplayException extends Exception {
    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
