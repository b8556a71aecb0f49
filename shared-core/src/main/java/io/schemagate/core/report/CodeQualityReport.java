package io.schemagate.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code --format codequality}: GitLab's Code Quality report, a JSON array with one issue per finding
 * ({@code description}, {@code check_name}, {@code fingerprint}, {@code severity}, {@code location.path},
 * {@code location.lines.begin}).
 *
 * <p>Severities follow the common linter mapping (ESLint's GitLab formatter does the same): error → {@code major},
 * warning → {@code minor}, info → {@code info}. GitLab's {@code critical} and {@code blocker} stay free for
 * security findings, which schemagate does not report. Fingerprints are explained in {@link Fingerprints}.
 */
public final class CodeQualityReport {
    private CodeQualityReport() {
    }

    public static String render(LintReport report) {
        return render(report, UnaryOperator.identity());
    }

    /**
     * @param path a finding's file as the repository names it: GitLab matches {@code location.path} against the
     *             merge request's files, relative to the repository root
     */
    public static String render(LintReport report, UnaryOperator<String> path) {
        List<Diagnostic> diagnostics = report.diagnostics();
        List<String> fingerprints = Fingerprints.of(report);
        ArrayNode issues = PrettyJson.array();
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            if (d.severity() == Severity.OFF) {
                continue;
            }
            var issue = issues.addObject()
                    .put("description", d.code() + ": " + d.message())
                    .put("check_name", d.code())
                    .put("fingerprint", fingerprints.get(i))
                    .put("severity", severity(d.severity()));
            issue.putObject("location").put("path", path.apply(d.file()))
                    .putObject("lines").put("begin", d.position().line());
        }
        return PrettyJson.write(issues);
    }

    private static String severity(Severity severity) {
        return switch (severity) {
            case ERROR -> "major";
            case WARNING -> "minor";
            default -> "info";
        };
    }
}
