package io.schemagate.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.sf.json.JSONException;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    @Test
    void listsEveryDiagnosticWithItsFile() {
        List<Finding> findings = ReportJson.findings("""
                {"files": [
                  {"name": "db/1.sql", "diagnostics": [
                    {"code": "DS103", "severity": "error", "line": 2, "message": "drops a column"},
                    {"code": "PG101", "severity": "warning", "line": 7, "message": "locks the table"}]},
                  {"name": "db/atlas.sum", "diagnostics": [{"code": "DI503", "severity": "error",
                    "message": "edited after it was applied"}]},
                  {"name": "db/2.sql", "diagnostics": []}],
                 "summary": {"files": 2, "errors": 2, "warnings": 1}}
                """);
        assertThat(findings.stream().map(f -> f.getFile() + ":" + f.getLine() + " " + f.getCode() + " "
                        + f.getSeverity() + " " + f.getMessage()).toList(),
                contains("db/1.sql:2 DS103 error drops a column", "db/1.sql:7 PG101 warning locks the table",
                        "db/atlas.sum:0 DI503 error edited after it was applied"));
    }

    @Test
    void reportWithoutFilesHasNoFindings() {
        assertThat(ReportJson.findings("{\"summary\": {\"files\": 0}}"), empty());
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThrows(JSONException.class, () -> ReportJson.findings("gate: passed"));
    }
}
