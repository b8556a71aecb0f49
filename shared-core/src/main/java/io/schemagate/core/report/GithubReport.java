package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import java.util.Comparator;
import java.util.function.UnaryOperator;

/**
 * {@code --format github}: GitHub Actions workflow commands, one per finding, most severe first (GitHub shows a
 * limited number of annotations per step, so errors must not be crowded out by warnings):
 * {@code ::error file=F,line=L,col=C,title=CODE::message}; warnings are {@code ::warning}, info {@code ::notice}.
 */
public final class GithubReport {
    private GithubReport() {
    }

    public static String render(LintReport report) {
        return render(report, UnaryOperator.identity());
    }

    /**
     * @param path maps a finding's file to the path GitHub knows it by (relative to the repository root), since
     *             annotations on any other path are dropped
     */
    public static String render(LintReport report, UnaryOperator<String> path) {
        StringBuilder out = new StringBuilder();
        report.diagnostics().stream()
                .filter(d -> d.severity() != Severity.OFF)
                .sorted(Comparator.comparing(Diagnostic::severity)) // stable: reading order within a severity
                .forEach(d -> out.append("::").append(command(d.severity()))
                        .append(" file=").append(property(path.apply(d.file())))
                        .append(",line=").append(d.position().line())
                        .append(",col=").append(d.position().column())
                        .append(",title=").append(property(d.code()))
                        .append("::").append(data(d.message()))
                        .append('\n'));
        return out.toString();
    }

    private static String command(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            default -> "notice";
        };
    }

    /** GitHub's escaping of a command's message: {@code %}, CR and LF, so the command stays on one line. */
    public static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value also escapes {@code :} and {@code ,}, which would end the value. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
