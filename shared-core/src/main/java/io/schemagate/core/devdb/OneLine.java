package io.schemagate.core.devdb;

/** Messages of this package end up on one terminal line and in JSON reports: fold server and OS text to one line. */
final class OneLine {

    private OneLine() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
