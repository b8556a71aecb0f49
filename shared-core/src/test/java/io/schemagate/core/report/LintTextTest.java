package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.text.Position;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.ArrayList;
import java.util.List;

/** The text report's last line: the gate's verdict, the same decision the exit code follows. */
class LintTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "error   | 2 | 0 | gate: failed (2 errors at or above fail-on error)",
        "error   | 1 | 3 | gate: failed (1 error at or above fail-on error)",
        "error   | 0 | 1 | gate: passed (1 warning below fail-on error)",
        "error   | 0 | 0 | gate: passed (no errors or warnings; fail-on error)",
        "warning | 1 | 2 | gate: failed (1 error and 2 warnings at or above fail-on warning)",
        "warning | 0 | 1 | gate: failed (1 warning at or above fail-on warning)",
        "warning | 0 | 0 | gate: passed (no errors or warnings; fail-on warning)",
        "never   | 2 | 1 | gate: passed (fail-on never: 2 errors and 1 warning do not fail it)",
    })
    void endsWithTheVerdictTheExitCodeFollows(String threshold, int errors, int warnings, String line) {
        List<Diagnostic> findings = new ArrayList<>();
        for (int i = 0; i < errors; i++) {
            findings.add(new Diagnostic("DS103", Severity.ERROR, "m/2.sql", Position.START, "drop"));
        }
        for (int i = 0; i < warnings; i++) {
            findings.add(new Diagnostic("PG101", Severity.WARNING, "m/2.sql", Position.START, "index"));
        }
        findings.add(new Diagnostic("PG508", Severity.INFO, "m/2.sql", Position.START, "lock timeout"));
        LintReport report = new LintReport("m", "atlas", null, "the last file",
                List.of(new FileReport("m/2.sql", true, null, List.of(), findings)));
        FailOn failOn = FailOn.parse(threshold).orElseThrow();

        String text = LintText.render(report, failOn.verdict(report.diagnostics()), TextStyle.PLAIN);
        List<String> lines = text.lines().toList();
        assertEquals(line, lines.get(lines.size() - 1), text);
        assertEquals(failOn.fails(report.diagnostics()), lines.get(lines.size() - 1).startsWith("gate: failed"));
        assertTrue(text.endsWith("\n"), text);
    }
}
