package io.schemagate.core.report;

/** ANSI styling for terminal text, or none at all (pipes, files, {@code NO_COLOR}). */
public record TextStyle(boolean color) {
    public static final TextStyle PLAIN = new TextStyle(false);

    public String red(String s) {
        return wrap("31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
