package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.diagnostic.Diagnostic;
import org.junit.jupiter.api.Test;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

class SarifReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LintReport report = SampleReports.hostile();

    private JsonNode render() throws Exception {
        return JSON.readTree(SarifReport.render(report));
    }

    @Test
    void topLevelAndDriverAreSarif210() throws Exception {
        JsonNode sarif = render();
        assertEquals("https://json.schemastore.org/sarif-2.1.0.json", sarif.get("$schema").asText());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertEquals(1, sarif.get("runs").size());
        JsonNode run = sarif.get("runs").get(0);
        assertEquals("schemagate", run.at("/tool/driver/name").asText());
        assertEquals("unicodeCodePoints", run.get("columnKind").asText());
    }

    @Test
    void rulesListEveryCodeOnceWithNameAndHelp() throws Exception {
        JsonNode rules = render().at("/runs/0/tool/driver/rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        assertEquals(new ArrayList<>(new TreeSet<>(report.diagnostics().stream().map(Diagnostic::code).toList())), ids);
        JsonNode di509 = rules.get(ids.indexOf("DI509"));
        assertEquals("statement-failed", di509.get("name").asText());
        assertEquals(RuleDocs.DEFAULT_BASE_URL + "DI509.md", di509.get("helpUri").asText());
        assertEquals("error", di509.at("/defaultConfiguration/level").asText());
        JsonNode foreign = rules.get(ids.indexOf("XX999"));
        assertFalse(foreign.has("name"), "no name for a code schemagate does not know");
        assertEquals(RuleDocs.DEFAULT_BASE_URL + "XX999.md", foreign.get("helpUri").asText());
    }

    @Test
    void resultsCarryLevelMessageLocationAndRuleIndex() throws Exception {
        JsonNode run = render().at("/runs/0");
        JsonNode results = run.get("results");
        List<Diagnostic> diagnostics = report.diagnostics();
        assertEquals(diagnostics.size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            Diagnostic d = diagnostics.get(i);
            assertEquals(d.code(), result.get("ruleId").asText());
            assertEquals(d.code(), run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt() + "/id").asText());
            assertEquals(d.message(), result.at("/message/text").asText());
            JsonNode location = result.at("/locations/0/physicalLocation");
            String uri = location.at("/artifactLocation/uri").asText();
            assertFalse(URI.create(uri).isAbsolute(), uri);
            assertEquals(d.file(), URI.create(uri).getPath(), "the URI decodes to the file's path");
            assertEquals(d.position().line(), location.at("/region/startLine").asInt());
            assertEquals(d.position().column(), location.at("/region/startColumn").asInt());
            assertEquals(64, result.at("/partialFingerprints/schemagate~1v1").asText().length());
        }
        assertEquals(List.of("error", "warning", "note", "error", "warning"),
                results.findValuesAsText("level"));
    }

    @Test
    void textEditsBecomeFixesAndOtherFixesDoNot() throws Exception {
        JsonNode results = render().at("/runs/0/results");
        JsonNode fix = results.get(0).get("fixes").get(0);
        assertEquals("Quote the | name <b>", fix.at("/description/text").asText());
        JsonNode change = fix.at("/artifactChanges/0");
        assertEquals(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri"), change.at("/artifactLocation/uri"));
        JsonNode replacement = change.at("/replacements/0");
        assertEquals(2, replacement.at("/deletedRegion/startLine").asInt());
        assertEquals(3, replacement.at("/deletedRegion/endLine").asInt());
        assertEquals(SampleReports.FIX_SQL.substring(0, SampleReports.FIX_SQL.length() - 1),
                replacement.at("/insertedContent/text").asText(), "the region stops before the newline, so does the text");
        assertFalse(results.get(1).has("fixes"), "no fix");
        assertFalse(results.get(2).has("fixes"), "a fix without an edit is no SARIF fix");
    }

    @Test
    void docsBaseAndDeterminism() throws Exception {
        String custom = SarifReport.render(report, "https://docs.example.com/rules");
        assertTrue(custom.contains("\"https://docs.example.com/rules/DI509.md\""), custom);
        assertEquals(SarifReport.render(report), SarifReport.render(report));
        JsonNode empty = JSON.readTree(SarifReport.render(new LintReport("m", "atlas", null, "none", List.of())));
        assertEquals(0, empty.at("/runs/0/results").size());
        assertEquals(0, empty.at("/runs/0/tool/driver/rules").size());
    }

    @Test
    void uriEncodesEverythingButUnreservedAndSlash() {
        assertEquals("a%20b/c%7C%25d%23.sql", SarifReport.uri("a b/c|%d#.sql"));
        assertEquals("m/%C3%A9t%C3%A9.sql", SarifReport.uri("m/été.sql"));
    }
}
