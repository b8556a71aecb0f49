package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.text.Position;
import org.junit.jupiter.api.Test;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class CodeQualityReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode render(LintReport report) throws Exception {
        return JSON.readTree(CodeQualityReport.render(report));
    }

    private static List<String> fingerprints(LintReport report) throws Exception {
        return render(report).findValuesAsText("fingerprint");
    }

    @Test
    void everyIssueHasGitlabsFields() throws Exception {
        LintReport report = SampleReports.hostile();
        JsonNode issues = render(report);
        assertTrue(issues.isArray());
        List<Diagnostic> diagnostics = report.diagnostics();
        assertEquals(diagnostics.size(), issues.size());
        for (int i = 0; i < issues.size(); i++) {
            JsonNode issue = issues.get(i);
            Diagnostic d = diagnostics.get(i);
            assertEquals(d.code() + ": " + d.message(), issue.get("description").asText());
            assertEquals(d.code(), issue.get("check_name").asText());
            assertTrue(issue.get("fingerprint").asText().matches("[0-9a-f]{64}"), issue.toString());
            assertEquals(d.file(), issue.at("/location/path").asText());
            assertEquals(d.position().line(), issue.at("/location/lines/begin").asInt());
        }
        assertEquals(List.of("major", "minor", "info", "major", "minor"), issues.findValuesAsText("severity"));
    }

    @Test
    void fingerprintsSurviveLinesInsertedAboveAndAreUnique() throws Exception {
        LintReport report = SampleReports.hostile();
        List<String> before = fingerprints(report);
        assertEquals(before, fingerprints(SampleReports.shifted(report, 7)), "moving down does not make findings new");
        assertEquals(before.size(), new HashSet<>(before).size());

        Diagnostic a = new Diagnostic("DI509", Severity.ERROR, "m/1.sql", new Position(0, 3, 1), "same");
        Diagnostic b = new Diagnostic("DI509", Severity.ERROR, "m/1.sql", new Position(9, 8, 1), "same");
        List<String> twins = fingerprints(new LintReport("m", "atlas", null, "s",
                List.of(new FileReport("m/1.sql", true, null, List.of(), List.of(a, b)))));
        assertNotEquals(twins.get(0), twins.get(1), "two identical findings in one file stay two issues");

        Diagnostic regraded = a.withSeverity(Severity.WARNING);
        Diagnostic elsewhere = new Diagnostic("DI509", Severity.ERROR, "m/2.sql", a.position(), "same");
        Set<String> single = Set.copyOf(fingerprints(report(a)));
        assertEquals(single, Set.copyOf(fingerprints(report(regraded))), "severity is no part of the identity");
        assertNotEquals(single, Set.copyOf(fingerprints(report(elsewhere))));
    }

    private static LintReport report(Diagnostic d) {
        return new LintReport("m", "atlas", null, "s", List.of(new FileReport(d.file(), true, null, List.of(), List.of(d))));
    }

    @Test
    void emptyReportIsAnEmptyArray() throws Exception {
        assertEquals(0, render(new LintReport("m", "atlas", null, "none", List.of())).size());
    }
}
