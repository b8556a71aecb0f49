package io.schemagate.core.report;

import static io.schemagate.core.report.ValidationText.plural;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.lock.HeldLock;
import io.schemagate.core.lock.StatementLocks;
import java.util.Locale;

/**
 * {@code --format markdown}: the body of a pull/merge-request comment. A hidden marker (so a front end can find and
 * update its own comment), a status line, a table of files, then each file's findings with a link to the rule's doc
 * and the suggested fix.
 *
 * <p>Everything that comes from users (names, SQL, database messages) goes through {@link MarkdownEscape}. GitHub
 * rejects comments over 65,536 characters, so the body is kept under {@link #MAX_CHARS}: the table gets at most a
 * third of it, findings the rest, and whatever does not fit is counted in a note at the end.
 */
public final class MarkdownReport {
    public static final int MAX_CHARS = 60_000;
    /** Rows of a file's lock table: a statement on a partitioned table locks every partition and index. */
    private static final int LOCK_ROWS = 30;
    /** Kept free for the truncation note, which is all our own text and numbers. */
    static final int NOTE_ROOM = 500;
    /** Findings are what reviewers act on; a huge table must not push them all out. */
    private static final int TABLE_ROOM = MAX_CHARS / 3;
    /** A marker for an absurdly long directory name is cut; front ends build it with {@link #marker} either way. */
    private static final int MARKER_DIR_MAX = 1_000;

    private MarkdownReport() {
    }

    public static String render(LintReport report) {
        return render(report, RuleDocs.DEFAULT_BASE_URL);
    }

    public static String render(LintReport report, String docsBaseUrl) {
        MarkdownBody body = new MarkdownBody(MAX_CHARS - NOTE_ROOM);
        body.out.append(marker(report.dir())).append("\n\n").append(status(report)).append("\n\n");
        int rowsLeft = table(body, report);
        int findingsLeft = findings(body, report, docsBaseUrl);
        if (findingsLeft > 0 || rowsLeft > 0) {
            body.out.append(note(findingsLeft, rowsLeft));
        }
        return body.out.toString();
    }

    /** Appends the table of files within its share of the budget; returns how many rows did not fit. */
    private static int table(MarkdownBody body, LintReport report) {
        if (report.files().isEmpty()) {
            return 0;
        }
        MarkdownBody table = new MarkdownBody(Math.min(TABLE_ROOM, body.room()));
        table.add("| File | New | Changes | Errors | Warnings |\n|---|---|--:|--:|--:|\n");
        int left = report.files().size();
        for (FileReport file : report.files()) {
            if (!table.add(row(file))) {
                break;
            }
            left--;
        }
        body.out.append(table.out).append('\n');
        return left;
    }

    /**
     * Appends each file's findings while they fit; returns how many did not. {@code schema plan}'s comment shows the
     * plan's findings with this too.
     */
    static int findings(MarkdownBody body, LintReport report, String docsBaseUrl) {
        int left = report.diagnostics().size();
        for (FileReport file : report.files()) {
            // The heading travels with the file's first block, so truncation never leaves a heading alone.
            String heading = "#### " + MarkdownEscape.inline(file.name()) + (file.added() ? " (new)" : "") + "\n\n";
            if (file.error() != null && file.diagnostics().isEmpty()) { // else a DI509/DI510 finding says it
                if (!body.add(heading + "Not replayed: " + MarkdownEscape.inline(file.error()) + "\n\n")) {
                    return left;
                }
            }
            for (Diagnostic d : file.diagnostics()) {
                // A fix's SQL can be long; rather the finding without it than no finding.
                if (!body.add(heading + finding(d, docsBaseUrl, true)) && !body.add(heading + finding(d, docsBaseUrl, false))) {
                    return left;
                }
                heading = "";
                left--;
            }
            String locks = locks(file);
            if (!locks.isEmpty() && body.add(heading + locks)) {
                heading = ""; // a table that does not fit is left out; the findings after it still come
            }
            if (!file.suppressed().isEmpty() && !body.add(heading + suppressed(file))) {
                return left;
            }
        }
        return left;
    }

    /**
     * The dangerous locks the file takes on relations that existed before it, as the dev database showed them: a
     * table a reviewer reads without knowing lock names. Empty when there are none.
     */
    private static String locks(FileReport file) {
        StringBuilder out = new StringBuilder();
        int rows = 0;
        int more = 0;
        for (StatementLocks statement : file.statements()) {
            for (HeldLock held : LockText.risky(statement)) {
                if (rows++ >= LOCK_ROWS) {
                    more++;
                    continue;
                }
                out.append("| ").append(statement.line()).append(" | ").append(MarkdownEscape.inline(LockText.relation(held)))
                        .append(" | ").append(held.lock().mode().sqlName()).append(" | ")
                        .append(held.lock().mode().blocks().text()).append(" | ").append(held.heldForText())
                        .append(" |\n");
            }
        }
        if (more > 0) {
            out.append("\n").append(more).append(plural(more, " more lock")).append(" in this file: see the JSON report.\n");
        }
        return out.isEmpty() ? "" : "Locks on existing relations (observed on the dev database):\n\n"
                + "| Line | Relation | Lock | What it does | Held |\n|--:|---|---|---|---|\n" + out + "\n";
    }

    /** The findings {@code atlas:nolint} waved through, with the reasons given, so reviewers can weigh them. */
    private static String suppressed(FileReport file) {
        StringBuilder out = new StringBuilder("<details><summary>Suppressed: ").append(file.suppressed().size())
                .append("</summary>\n\n");
        for (Suppressed s : file.suppressed()) {
            out.append("- ").append(MarkdownEscape.inline(s.diagnostic().code())).append(" · line ")
                    .append(s.diagnostic().position().line()).append(": ")
                    .append(MarkdownEscape.inline(s.diagnostic().message()))
                    .append(s.reason().isBlank() ? " — *no reason given*" : " — reason: " + MarkdownEscape.inline(s.reason()))
                    .append('\n');
        }
        return out.append("\n</details>\n\n").toString();
    }

    /**
     * {@code <!-- schemagate:DIR -->}, the first line of every body. {@code %}, {@code <}, {@code >}, CR and LF in
     * the directory are percent-encoded: without {@code >} the text cannot end the comment, and it stays one line.
     */
    public static String marker(String dir) {
        return marker("schemagate", dir);
    }

    /** {@code <!-- KIND:DIR -->}, encoded as {@link #marker(String)} says. */
    static String marker(String kind, String dir) {
        String cut = dir.length() > MARKER_DIR_MAX ? dir.substring(0, MARKER_DIR_MAX) : dir;
        StringBuilder out = new StringBuilder("<!-- ").append(kind).append(':');
        for (char c : cut.toCharArray()) {
            switch (c) {
                case '%', '<', '>', '\r', '\n' -> out.append('%').append(String.format("%02X", (int) c));
                default -> out.append(c);
            }
        }
        return out.append(" -->").toString();
    }

    private static String status(LintReport report) {
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        StringBuilder out = new StringBuilder(errors > 0 ? "❌ **" + errors + plural(errors, " error") + "**" : "✅ **No errors**")
                .append(", ").append(warnings).append(plural(warnings, " warning"))
                .append(" in ").append(report.addedFiles()).append(plural(report.addedFiles(), " new file"))
                .append(" of ").append(MarkdownEscape.inline(report.dir()))
                .append(" (").append(MarkdownEscape.inline(report.selection())).append(')');
        if (report.devDatabase() != null) {
            out.append("; replayed on ").append(MarkdownEscape.inline(report.devDatabase()));
        }
        return out.append('.').toString();
    }

    private static String row(FileReport file) {
        long errors = file.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = file.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count();
        return "| " + MarkdownEscape.inline(file.name()) + " | " + (file.added() ? "yes" : "no") + " | "
                + file.changes().size() + " | " + errors + " | " + warnings + " |\n";
    }

    /** One finding: linked code and rule name, severity, line, message; then each fix, with its SQL when it has an edit. */
    private static String finding(Diagnostic d, String docsBaseUrl, boolean withSql) {
        StringBuilder out = new StringBuilder(headline(d, docsBaseUrl)).append("\n\n");
        for (Fix fix : d.fixes()) {
            out.append("Fix: ").append(MarkdownEscape.inline(fix.message()));
            if (fix.edit() == null) {
                out.append("\n\n");
            } else if (withSql) {
                out.append("\n\n").append(MarkdownEscape.fence(fix.edit().newText(), "sql")).append('\n');
            } else {
                out.append(" (the replacement SQL is left out to keep this comment short)\n\n");
            }
        }
        return out.toString();
    }

    /**
     * A finding's first line, as the report and line comments show it: linked code and rule name, severity, line,
     * message.
     */
    public static String headline(Diagnostic d, String docsBaseUrl) {
        String name = RuleDocs.rule(d.code()).map(r -> " " + r.title()).orElse("");
        return "**[" + MarkdownEscape.inline(d.code() + name) + "](" + destination(RuleDocs.url(docsBaseUrl, d.code()))
                + ")** · " + d.severity().id() + " · line " + d.position().line() + ": "
                + MarkdownEscape.inline(d.message());
    }

    /** A link destination in angle brackets, which may hold anything but {@code <}, {@code >} and line breaks. */
    private static String destination(String url) {
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace("\r", "%0D").replace("\n", "%0A") + ">";
    }

    private static String note(int findings, int rows) {
        StringBuilder out = new StringBuilder("---\n\n> ⚠️ **Truncated** to stay under ")
                .append(String.format(Locale.ROOT, "%,d", MAX_CHARS)).append(" characters: ");
        if (findings > 0) {
            out.append(findings).append(plural(findings, " more finding"));
        }
        if (rows > 0) {
            out.append(findings > 0 ? " and " : "").append(rows).append(plural(rows, " more file"));
        }
        return out.append(" not shown. The job log and the `--report` files have the full report.\n").toString();
    }
}
