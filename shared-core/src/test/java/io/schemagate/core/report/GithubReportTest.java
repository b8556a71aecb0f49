package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.text.Position;
import org.junit.jupiter.api.Test;
import java.util.List;

class GithubReportTest {
    @Test
    void oneCommandPerFindingMostSevereFirst() {
        Diagnostic note = new Diagnostic("DI513", Severity.INFO, "m/1.sql", new Position(0, 1, 1), "empty");
        Diagnostic warning = new Diagnostic("DI508", Severity.WARNING, "m/1.sql", new Position(0, 2, 3), "bad name");
        Diagnostic error = new Diagnostic("DI509", Severity.ERROR, "m/2.sql", new Position(0, 4, 5), "failed");
        Diagnostic off = new Diagnostic("DI512", Severity.OFF, "m/2.sql", new Position(0, 5, 1), "hidden");
        LintReport report = new LintReport("m", "atlas", null, "s", List.of(
                new FileReport("m/1.sql", true, null, List.of(), List.of(note, warning)),
                new FileReport("m/2.sql", true, null, List.of(), List.of(error, off))));
        assertEquals("""
                ::error file=m/2.sql,line=4,col=5,title=DI509::failed
                ::warning file=m/1.sql,line=2,col=3,title=DI508::bad name
                ::notice file=m/1.sql,line=1,col=1,title=DI513::empty
                """, GithubReport.render(report));
    }

    @Test
    void messagesAndPropertiesAreEscapedPerGithub() {
        LintReport report = SampleReports.hostile();
        String out = GithubReport.render(report);
        String file1 = "db|`x`*_[a](b)<script>alert(1)</script>--> %250A%2C%3A%0Anext/1_a|b`c<script>alert(1)</script>%2Cd%3Ae%25f.sql";
        String first = out.lines().findFirst().orElseThrow();
        assertEquals("::error file=" + file1 + ",line=2,col=34,title=DI509::type \"x|y\" does not exist%0A<script>alert(1)"
                + "</script> --> `rm -rf` *bold* _it_ [link](http://evil) <img src=x onerror=alert(1)> & 100%25 a,b:c%0D%0A"
                + "DETAIL: ]]> <![CDATA[ x", first);
        assertEquals(report.diagnostics().size(), out.lines().count(), "each command on its own line: " + out);
        assertEquals("::warning file=" + file1 + ",line=5,col=1,title=DI512::suppression, with: colon %250A and 50%25",
                out.lines().filter(l -> l.contains("DI512")).findFirst().orElseThrow());
    }

    @Test
    void escaping() {
        assertEquals("a%25b%0D%0Ac:d,e", GithubReport.data("a%b\r\nc:d,e"));
        assertEquals("a%25b%0D%0Ac%3Ad%2Ce", GithubReport.property("a%b\r\nc:d,e"));
        assertEquals("", GithubReport.render(new LintReport("m", "atlas", null, "none", List.of())));
    }
}
