package io.schemagate.jenkins;

/** One diagnostic of the JSON report, as the findings page lists it. A plain class: builds store it with XStream. */
public final class Finding {
    private final String file;
    private final int line;
    private final String code;
    private final String severity;
    private final String message;

    Finding(String file, int line, String code, String severity, String message) {
        this.file = file;
        this.line = line;
        this.code = code;
        this.severity = severity;
        this.message = message;
    }

    public String getFile() {
        return file;
    }

    /** 0 when the finding is about the file as a whole. */
    public int getLine() {
        return line;
    }

    public String getCode() {
        return code;
    }

    public String getSeverity() {
        return severity;
    }

    public String getMessage() {
        return message;
    }
}
