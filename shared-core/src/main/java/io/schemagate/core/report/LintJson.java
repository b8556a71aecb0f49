package io.schemagate.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.StatementLocks;

/**
 * {@code migrate lint --format json}: the stable contract documented in the README. Top level {@code files[]} (name,
 * new, error, changes[], diagnostics[], suppressed[], statements[] with each statement's locks[]) and {@code summary}
 * (files, errors, warnings).
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
            ArrayNode statements = node.putArray("statements");
            for (StatementLocks statement : file.statements()) {
                ObjectNode entry = statements.addObject().put("line", statement.line())
                        .put("ms", statement.elapsed().toMillis()).put("locksObserved", statement.observed());
                ArrayNode locks = entry.putArray("locks");
                for (HeldLock held : statement.locks()) {
                    locks.addObject()
                            .put("relation", held.lock().relation().toString())
                            .put("kind", held.lock().kind().text())
                            .put("mode", held.lock().mode().sqlName())
                            .put("blocks", held.lock().mode().blocks().text())
                            .put("preExisting", held.preExisting())
                            .put("rewritten", held.rewritten())
                            .put("heldForStatements", held.heldForStatements())
                            .put("heldForMs", held.heldFor().toMillis());
                }
            }
        }
        root.putObject("summary")
                .put("files", report.addedFiles())
                .put("errors", report.count(Severity.ERROR))
                .put("warnings", report.count(Severity.WARNING));
        return PrettyJson.write(root);
    }
}
