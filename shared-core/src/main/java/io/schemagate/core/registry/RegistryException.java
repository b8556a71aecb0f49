package io.schemagate.core.registry;

/** A registry operation failed; {@link #kind()} tells callers how to report it. */
public final class RegistryException extends Exception {
    /** What went wrong, in the terms a caller maps to exit codes. */
    public enum Kind {
        /** The {@code oci://} reference is malformed (bad input). */
        BAD_REFERENCE,
        /** The registry could not be reached, answered with an error, or refused the credentials (environment). */
        UNAVAILABLE,
        /** A tag other than {@code latest} already holds different content (gate). */
        TAG_CONFLICT,
        /** The tag or digest does not exist (bad input). */
        NOT_FOUND,
        /** The artifact is not a schemagate directory, a digest does not match, or the sum file disagrees (bad input). */
        INVALID
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
