package io.schemagate.core.history;

/**
 * The new files cannot be determined: a bad selection, or a repository that cannot answer (unknown ref, shallow
 * clone, no git work tree). The message is one line for users; the CLI exits with 2.
 */
public final class HistoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
