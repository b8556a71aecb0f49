package io.schemagate.core.text;

/** Bad input at a known place: rendered as {@code path:line:col: message}. */
public class SourceException extends Exception {
    private final String file;
    private final Position position;
    private final String problem;

    public SourceException(String file, Position position, String problem) {
        super(file + ":" + position.line() + ":" + position.column() + ": " + problem);
        this.file = file;
        this.position = position;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public Position position() {
        return position;
    }

    /** The message without the location prefix. */
    public String problem() {
        return problem;
    }
}
