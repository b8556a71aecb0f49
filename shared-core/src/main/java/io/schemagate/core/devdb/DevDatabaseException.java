package io.schemagate.core.devdb;

/**
 * The dev database could not be had or used: the server is unreachable, refuses the login, is not empty, the
 * embedded binaries cannot be fetched, no container engine is there. An environment failure, so the CLI exits 3.
 * The message is one line, names URLs masked and never holds a password.
 */
public final class DevDatabaseException extends Exception {

    public DevDatabaseException(String message) {
        super(OneLine.of(message));
    }

    public DevDatabaseException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
