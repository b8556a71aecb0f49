package io.schemagate.core.git;

import java.nio.charset.StandardCharsets;

/**
 * What one finished {@code git} command produced.
 *
 * @param exitCode the process's exit status
 * @param stdout   raw bytes (file contents and NUL-separated listings must not be decoded blindly)
 * @param stderr   git's diagnostics, decoded as UTF-8
 */
public record GitOutput(int exitCode, byte[] stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Standard output as text without the trailing line break git adds to one-value answers. */
    public String text() {
        String text = new String(stdout, StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
