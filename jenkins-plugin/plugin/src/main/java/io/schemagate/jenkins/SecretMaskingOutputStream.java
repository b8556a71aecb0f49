package io.schemagate.jenkins;

import hudson.console.LineTransformationOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces the bound secrets with **** in every line the CLI prints. The CLI redacts them itself; this keeps them out
 * of the build log even from a wrapper script or a CLI that does not.
 */
final class SecretMaskingOutputStream extends LineTransformationOutputStream.Delegating {
    private static final String MASK = "****";
    private final List<String> secrets;

    SecretMaskingOutputStream(OutputStream out, List<String> secrets) {
        super(out);
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = secrets.stream().filter(s -> !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    protected void eol(byte[] b, int len) throws IOException {
        if (secrets.isEmpty()) {
            out.write(b, 0, len);
            return;
        }
        String line = new String(b, 0, len, StandardCharsets.UTF_8);
        for (String secret : secrets) {
            line = line.replace(secret, MASK);
        }
        out.write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes out a last line without a newline; leaves the build log itself open. */
    void finish() throws IOException {
        forceEol();
        out.flush();
    }
}
