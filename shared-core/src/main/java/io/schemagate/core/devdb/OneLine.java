package io.schemagate.core.devdb;

/** Messages about dev databases end up on one terminal line and in JSON reports: fold server and OS text to one line. */
public final class OneLine {

    private OneLine() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
