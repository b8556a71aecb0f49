package io.schemagate.core.devdb;

/**
 * A {@code --dev-url} that cannot be used as written: bad syntax, an unknown scheme or parameter, an unsupported
 * major. Bad input, so the CLI exits 2. The message is one line and names the URL masked, never its password.
 */
public final class DevUrlException extends Exception {

    public DevUrlException(String message) {
        super(OneLine.of(message));
    }
}
