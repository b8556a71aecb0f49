package io.schemagate.github;

/** Something about the GitHub context that makes a front-end step impossible; the message is one line for users. */
public final class GithubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GithubException(String message, Throwable cause) {
        super(message, cause);
    }

    public GithubException(String message) {
        super(message);
    }
}
