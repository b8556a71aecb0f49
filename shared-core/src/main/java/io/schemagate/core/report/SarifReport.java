package io.schemagate.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code --format sarif}: SARIF 2.1.0 for code scanning. One run; {@code tool.driver.rules} lists every code that
 * occurs (sorted, so the document is deterministic) with a link to its doc; one result per finding with its
 * location and, where a rule offers a text edit, a SARIF fix.
 */
public final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Tools would otherwise read {@code startColumn} as UTF-16 code units; ours counts code points. */
    private static final String COLUMN_KIND = "unicodeCodePoints";

    private SarifReport() {
    }

    public static String render(LintReport report) {
        return render(report, RuleDocs.DEFAULT_BASE_URL);
    }

    public static String render(LintReport report, String docsBaseUrl) {
        List<Diagnostic> all = report.diagnostics();
        List<String> fingerprints = Fingerprints.of(report);
        List<String> codes = new ArrayList<>(new TreeSet<>(
                all.stream().filter(d -> d.severity() != Severity.OFF).map(Diagnostic::code).toList()));

        ObjectNode root = PrettyJson.object().put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver")
                .put("name", "schemagate")
                .put("informationUri", "https://github.com/schemagate/schemagate");
        ArrayNode rules = driver.putArray("rules");
        for (String code : codes) {
            ObjectNode rule = rules.addObject().put("id", code);
            RuleDocs.rule(code).ifPresent(known -> rule.put("name", known.title()));
            rule.put("helpUri", RuleDocs.url(docsBaseUrl, code));
            RuleDocs.rule(code).ifPresent(known -> rule.putObject("defaultConfiguration")
                    .put("level", level(known.defaultSeverity())));
        }
        run.put("columnKind", COLUMN_KIND);
        ArrayNode results = run.putArray("results");
        for (int i = 0; i < all.size(); i++) {
            Diagnostic d = all.get(i);
            if (d.severity() == Severity.OFF) {
                continue;
            }
            ObjectNode result = results.addObject()
                    .put("ruleId", d.code())
                    .put("ruleIndex", codes.indexOf(d.code()))
                    .put("level", level(d.severity()));
            result.putObject("message").put("text", d.message());
            ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
            location.putObject("artifactLocation").put("uri", uri(d.file()));
            location.putObject("region").put("startLine", d.position().line()).put("startColumn", d.position().column());
            result.putObject("partialFingerprints").put("schemagate/v1", fingerprints.get(i));
            fixes(result, d);
        }
        return PrettyJson.write(root);
    }

    /**
     * SARIF fixes for the text edits. The deleted region names whole lines without columns, which in SARIF ends
     * before the last line's newline; the edit's text ends with a newline when it replaces whole lines, so that one
     * newline is left out of {@code insertedContent} to keep the line count right.
     */
    private static void fixes(ObjectNode result, Diagnostic d) {
        ArrayNode fixes = null;
        for (Fix fix : d.fixes()) {
            if (fix.edit() == null) {
                continue;
            }
            if (fixes == null) {
                fixes = result.putArray("fixes");
            }
            ObjectNode out = fixes.addObject();
            out.putObject("description").put("text", fix.message());
            ObjectNode replacement = out.putArray("artifactChanges").addObject();
            replacement.putObject("artifactLocation").put("uri", uri(d.file()));
            ObjectNode change = replacement.putArray("replacements").addObject();
            Fix.TextEdit edit = fix.edit();
            change.putObject("deletedRegion").put("startLine", edit.line()).put("endLine", Math.max(edit.line(), edit.endLine()));
            String text = edit.newText().endsWith("\n") ? edit.newText().substring(0, edit.newText().length() - 1) : edit.newText();
            change.putObject("insertedContent").put("text", text);
        }
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
            default -> "none";
        };
    }

    /**
     * The path as a relative URI reference: every byte outside RFC 3986's unreserved characters and {@code /} is
     * percent-encoded, so spaces, {@code #}, {@code ?} and {@code %} in file names stay part of the path.
     */
    static String uri(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
