package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.text.Position;
import java.util.ArrayList;
import java.util.List;

/** Reports built in code for the renderer tests, full of text that tries to break every format. */
final class SampleReports {
    static final String DIR = "db|`x`*_[a](b)<script>alert(1)</script>--> %0A,:\nnext";
    static final String FILE_1 = DIR + "/1_a|b`c<script>alert(1)</script>,d:e%f.sql";
    static final String FILE_2 = DIR + "/2_later.sql";
    static final String SUM = DIR + "/atlas.sum";
    static final String HOSTILE_MESSAGE = "type \"x|y\" does not exist\n<script>alert(1)</script> --> `rm -rf` *bold*"
            + " _it_ [link](http://evil) <img src=x onerror=alert(1)> & 100% a,b:c\r\nDETAIL: ]]> <![CDATA[ x";
    /** Backticks longer than a default fence, so the Markdown fence must be longer still. */
    static final String FIX_SQL = "ALTER TABLE t\n  ADD COLUMN \"````\" int; -- ``` not the end\n```\n";

    private SampleReports() {
    }

    static LintReport hostile() {
        Diagnostic failed = new Diagnostic("DI509", Severity.ERROR, FILE_1, new Position(40, 2, 34), HOSTILE_MESSAGE,
                List.of(new Fix("Quote the | name <b>", new Fix.TextEdit(2, 3, FIX_SQL))));
        Diagnostic suppression = new Diagnostic("DI512", Severity.WARNING, FILE_1, new Position(80, 5, 1),
                "suppression, with: colon %0A and 50%");
        Diagnostic empty = new Diagnostic("DI513", Severity.INFO, FILE_1, new Position(90, 7, 3), "nothing to do",
                List.of(new Fix("delete the file", null)));
        Diagnostic control = new Diagnostic("DI503", Severity.ERROR, SUM, new Position(3, 2, 1),
                "edited\u0000\u0001\u001b[31m\uFFFE\uD800 file ]]> & \"quoted\" 'single'");
        Diagnostic foreign = new Diagnostic("XX999", Severity.WARNING, SUM, new Position(0, 1, 1), "a code from elsewhere");
        return new LintReport(DIR, "atlas", "PostgreSQL <b>16</b> | local", "the last file (--latest 2)", List.of(
                new FileReport(FILE_1, true, "statement 2 failed", List.of(
                        new ChangeAt("add_table", "public.t", 1), new ChangeAt("add_column", "public.t|x", 2)),
                        List.of(failed, suppression, empty)),
                new FileReport(FILE_2, true, "not replayed: replay stopped at " + FILE_1, List.of(), List.of()),
                new FileReport(SUM, false, null, List.of(), List.of(control, foreign))));
    }

    /** {@code files} new files with {@code perFile} error findings each, every one with a fix. */
    static LintReport large(int files, int perFile) {
        List<FileReport> out = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            String name = "migrations/" + f + "_change|" + f + ".sql";
            List<Diagnostic> diagnostics = new ArrayList<>();
            for (int i = 0; i < perFile; i++) {
                diagnostics.add(new Diagnostic("DI509", Severity.ERROR, name, new Position(i * 10, i + 1, 1),
                        "statement " + i + " failed: relation \"t_" + i + "\" does not exist",
                        List.of(new Fix("create it first", new Fix.TextEdit(i + 1, i + 1,
                                "CREATE TABLE t_" + i + " (id bigint);\n")))));
            }
            out.add(new FileReport(name, true, null, List.of(new ChangeAt("add_table", "public.t", 1)), diagnostics));
        }
        return new LintReport("migrations", "atlas", null, "the last " + files + " files", out);
    }

    /** The same report with every finding moved {@code by} lines down, as if lines were inserted above them. */
    static LintReport shifted(LintReport report, int by) {
        List<FileReport> files = report.files().stream().map(f -> new FileReport(f.name(), f.added(), f.error(), f.changes(),
                f.diagnostics().stream().map(d -> new Diagnostic(d.code(), d.severity(), d.file(),
                        new Position(d.position().offset() + by * 10, d.position().line() + by, d.position().column()),
                        d.message(), d.fixes())).toList())).toList();
        return new LintReport(report.dir(), report.format(), report.devDatabase(), report.selection(), files);
    }
}
