package io.schemagate.core.migrate;

import java.nio.file.Path;

/**
 * A migration directory on disk.
 *
 * @param path    where it is
 * @param display how users named it ({@code migrations}, {@code ./db/migrations}); prefixes file names in output
 */
public record MigrationDir(Path path, String display) {

    /** Accepts {@code file://PATH} or a plain path, as {@code --dir} does. */
    public static MigrationDir fromArgument(String argument) {
        String plain = argument.startsWith("file://") ? argument.substring("file://".length()) : argument;
        if (plain.isEmpty()) {
            plain = ".";
        }
        String display = plain.endsWith("/") && plain.length() > 1 ? plain.substring(0, plain.length() - 1) : plain;
        if (display.startsWith("./") && display.length() > 2) {
            display = display.substring(2);
        }
        return new MigrationDir(Path.of(plain), display);
    }

    /** The user-facing path of a file named {@code name} (relative, with {@code /}) in this directory. */
    public String displayOf(String name) {
        return display.equals(".") ? name : display + "/" + name;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }
}
