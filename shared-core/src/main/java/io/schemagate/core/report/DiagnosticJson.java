package io.schemagate.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.lint.Diagnostic;

/** The JSON fields of a finding, shared by every JSON rendering (Atlas's {@code pos} plus line and column). */
final class DiagnosticJson {
    private DiagnosticJson() {
    }

    static ObjectNode fill(ObjectNode node, Diagnostic d) {
        return node.put("code", d.code())
                .put("severity", d.severity().id())
                .put("pos", d.position().offset())
                .put("line", d.position().line())
                .put("column", d.position().column())
                .put("message", d.message());
    }
}
