package io.schemagate.cli;

import io.schemagate.core.report.TextStyle;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Where output goes and whether it may be coloured: only on a terminal, never with {@code NO_COLOR} or
 * {@code TERM=dumb}.
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean color) {

    public static boolean colorAllowed(boolean interactive, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return interactive && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    public TextStyle style() {
        return new TextStyle(color);
    }

    /** This terminal with {@code secrets} hidden in everything written to it. */
    Terminal redactedBy(Secrets secrets) {
        return new Terminal(new PrintWriter(new RedactingWriter(out, secrets), true),
                new PrintWriter(new RedactingWriter(err, secrets), true), color);
    }
}
