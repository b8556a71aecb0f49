package io.schemagate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process's stderr is a terminal, so progress reaches a person and never a CI log. Java 17 can only
 * ask about stdin and stdout together ({@link System#console()}); on Linux, {@code /proc} names stderr's device.
 */
final class StderrTerminal {
    private StderrTerminal() {
    }

    static boolean isTerminal() {
        if (System.console() == null) {
            return false; // stdin or stdout redirected: a script, not a person (and in-process tests)
        }
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return true; // no /proc (macOS): stdin and stdout are a terminal, stderr almost always too
        }
    }
}
