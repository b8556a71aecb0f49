package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import java.util.List;

/**
 * The result of {@code migrate lint}: one model every rendering is a pure function of.
 *
 * @param dir         the directory as users named it
 * @param format      its format id
 * @param devDatabase the dev database used, masked ({@code null} when none was needed)
 * @param selection   how new files were chosen, one sentence
 * @param files       new files first in run order, then other files with findings
 */
public record LintReport(String dir, String format, String devDatabase, String selection, List<FileReport> files) {
    public LintReport {
        files = List.copyOf(files);
    }

    public long count(Severity severity) {
        return files.stream().flatMap(f -> f.diagnostics().stream()).filter(d -> d.severity() == severity).count();
    }

    public long addedFiles() {
        return files.stream().filter(FileReport::added).count();
    }

    public List<Diagnostic> diagnostics() {
        return files.stream().flatMap(f -> f.diagnostics().stream()).toList();
    }
}
