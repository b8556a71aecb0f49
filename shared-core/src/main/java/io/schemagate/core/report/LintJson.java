package io.schemagate.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;

/**
 * {@code migrate lint --format json}: the stable contract documented in the README. Top level {@code files[]} (name,
 * new, error, changes[], diagnostics[]) and {@code summary} (files, errors, warnings).
 */
public final class LintJson {
    private LintJson() {
    }

    public static String render(LintReport report) {
        ObjectNode root = PrettyJson.object();
        root.put("dir", report.dir());
        root.put("format", report.format());
        root.put("devDatabase", report.devDatabase());
        root.put("selection", report.selection());
        ArrayNode files = root.putArray("files");
        for (FileReport file : report.files()) {
            ObjectNode node = files.addObject();
            node.put("name", file.name());
            node.put("new", file.added());
            node.put("error", file.error());
            ArrayNode changes = node.putArray("changes");
            for (ChangeAt change : file.changes()) {
                changes.addObject().put("kind", change.kind()).put("object", change.object()).put("line", change.line());
            }
            ArrayNode diagnostics = node.putArray("diagnostics");
            for (Diagnostic d : file.diagnostics()) {
                DiagnosticJson.fill(diagnostics.addObject(), d);
            }
            ArrayNode suppressed = node.putArray("suppressed");
            for (Suppressed s : file.suppressed()) {
                DiagnosticJson.fill(suppressed.addObject(), s.diagnostic()).put("reason", s.reason());
            }
        }
        root.putObject("summary")
                .put("files", report.addedFiles())
                .put("errors", report.count(Severity.ERROR))
                .put("warnings", report.count(Severity.WARNING));
        return PrettyJson.write(root);
    }
}
