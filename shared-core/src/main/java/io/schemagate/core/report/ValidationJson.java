package io.schemagate.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.migrate.Validation;

/**
 * {@code migrate validate --format json}: a stable document for machines. Positions follow Atlas's JSON
 * ({@code pos} = byte offset) plus 1-based {@code line} and {@code column}.
 */
public final class ValidationJson {
    private ValidationJson() {
    }

    public static String render(Validation v) {
        ObjectNode root = PrettyJson.object();
        root.put("dir", v.dir().display());
        root.put("format", v.format().id());
        root.put("valid", v.passed());
        root.put("files", v.files());
        root.put("statements", v.statements());
        root.put("errors", v.count(Severity.ERROR));
        root.put("warnings", v.count(Severity.WARNING));
        ArrayNode list = root.putArray("diagnostics");
        for (Diagnostic d : v.diagnostics()) {
            DiagnosticJson.fill(list.addObject().put("file", d.file()), d);
        }
        return PrettyJson.write(root);
    }
}
