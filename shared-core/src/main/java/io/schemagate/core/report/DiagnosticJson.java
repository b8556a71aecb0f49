package io.schemagate.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;

/** The JSON fields of a finding, shared by every JSON rendering (Atlas's {@code pos} plus line and column). */
final class DiagnosticJson {
    private DiagnosticJson() {
    }

    /** Writes the finding's fields; {@code fix} (the first suggested fix) only when there is one. */
    static ObjectNode fill(ObjectNode node, Diagnostic d) {
        node.put("code", d.code())
                .put("severity", d.severity().id())
                .put("pos", d.position().offset())
                .put("line", d.position().line())
                .put("column", d.position().column())
                .put("message", d.message());
        if (!d.fixes().isEmpty()) {
            Fix fix = d.fixes().get(0);
            ObjectNode out = node.putObject("fix").put("message", fix.message());
            if (fix.edit() != null) {
                out.putObject("textEdit")
                        .put("line", fix.edit().line())
                        .put("endLine", fix.edit().endLine())
                        .put("newText", fix.edit().newText());
            }
        }
        return node;
    }
}
