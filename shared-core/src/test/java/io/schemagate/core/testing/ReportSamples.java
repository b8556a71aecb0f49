package io.schemagate.core.testing;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.text.Position;
import java.util.List;

/** Reports shaped like those {@code migrate lint} makes, for tests of what is posted. */
public final class ReportSamples {
    public static final String DIR = "db/migrations";
    public static final String FILE = "2_drop.sql";
    public static final String PATH = DIR + "/" + FILE;

    private ReportSamples() {
    }

    /** A drop-column error on line 2 and a lock-timeout note on line 1 whose fix inserts a SET line. */
    public static LintReport risky() {
        Diagnostic drop = new Diagnostic("DS103", Severity.ERROR, PATH, new Position(40, 2, 1),
                "Dropping non-virtual column \"name\" of table \"users\" loses its data.");
        Diagnostic lock = new Diagnostic("PG508", Severity.INFO, PATH, new Position(0, 1, 1),
                "The file takes table locks without setting lock_timeout.",
                List.of(new Fix("Set a lock timeout first.",
                        new Fix.TextEdit(1, 1, "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age int;\n"))));
        return report(List.of(lock, drop));
    }

    public static LintReport clean() {
        return report(List.of());
    }

    public static LintReport report(List<Diagnostic> diagnostics) {
        return new LintReport(DIR, "atlas", "embedded://postgres/16", "files added since origin/main",
                List.of(new FileReport(FILE, true, null, List.of(), diagnostics)));
    }
}
