package io.schemagate.core.report;

import static io.schemagate.core.report.ValidationText.plural;

import io.schemagate.core.diff.PlanReport;
import java.util.List;
import java.util.Locale;

/**
 * {@code schema plan}'s pull/merge-request comment and job summary: a hidden marker of its own (so it never takes
 * the place of {@code migrate lint}'s comment), a headline, the planned files as fenced SQL, the plan's notes, what it
 * leaves undone, then the lint findings on the planned files, rendered as {@link MarkdownReport} renders them.
 *
 * <p>The SQL goes inside fences that are longer than any backtick run in it, so nothing in it is escaped; everything
 * else from users goes through {@link MarkdownEscape}. The body stays under {@link MarkdownReport#MAX_CHARS}: the SQL
 * gets at least half of it (more when the rest is short), a file that does not fit whole is cut at a line, and what is
 * left out is counted in a note at the end.
 */
public final class PlanMarkdown {
    /** How the marker starts; {@code <!-- schemagate:} is lint's. */
    public static final String MARKER_KIND = "schemagate-plan";
    private static final int LIMIT = MarkdownReport.MAX_CHARS - MarkdownReport.NOTE_ROOM;

    private PlanMarkdown() {
    }

    /** {@code <!-- schemagate-plan:DIR -->}, the first line of every plan body, encoded as lint's marker is. */
    public static String marker(String dir) {
        return MarkdownReport.marker(MARKER_KIND, dir);
    }

    public static String render(PlanReport plan) {
        return render(plan, RuleDocs.DEFAULT_BASE_URL);
    }

    public static String render(PlanReport plan, String docsBaseUrl) {
        String head = marker(plan.dir()) + "\n\n" + headline(plan) + "\n\n";
        if (plan.inSync()) {
            return head;
        }
        // What follows the SQL, measured whole: the SQL may use whatever it leaves, and at least half in any case.
        MarkdownBody rest = new MarkdownBody(Integer.MAX_VALUE);
        notes(rest, plan);
        undone(rest, plan);
        lint(rest, plan, docsBaseUrl);
        int sqlRoom = Math.max(LIMIT / 2, LIMIT - head.length() - rest.out.length());

        MarkdownBody body = new MarkdownBody(LIMIT);
        body.add(head);
        MarkdownBody sql = new MarkdownBody(Math.min(sqlRoom, body.room()));
        Cut files = files(sql, plan);
        body.out.append(sql.out);
        int notesLeft = notes(body, plan);
        int undoneLeft = undone(body, plan);
        int findingsLeft = lint(body, plan, docsBaseUrl);
        if (files.lines > 0 || files.files > 0 || notesLeft > 0 || undoneLeft > 0 || findingsLeft > 0) {
            body.out.append(note(files, notesLeft + undoneLeft, findingsLeft));
        }
        return body.out.toString();
    }

    private static String headline(PlanReport plan) {
        String dir = MarkdownEscape.inline(plan.dir());
        String desired = MarkdownEscape.inline(plan.desired());
        if (plan.inSync()) {
            return "✅ **In sync**: " + dir + " builds the desired schema " + desired + "; there is nothing to plan.";
        }
        int undone = plan.unplanned().size();
        if (plan.statements() == 0) {
            return "⚠️ **Nothing planned**, yet " + dir + " does not build " + desired + ": " + undone
                    + plural(undone, " change") + " left undone, below.";
        }
        long files = plan.files().stream().filter(f -> f.name().endsWith(".sql")).count();
        StringBuilder out = new StringBuilder(plan.failed() ? "❌ " : "✅ ")
                .append("**").append(plan.statements()).append(plural(plan.statements(), " statement")).append(" in ")
                .append(files).append(plural(files, " file")).append("** would bring ").append(dir).append(" to ")
                .append(desired).append("; ");
        if (plan.verdict() != null) {
            long errors = plan.verdict().errors();
            long warnings = plan.verdict().warnings();
            out.append(plan.failed() ? "the gate **fails**" : "the gate passes").append(" (").append(errors)
                    .append(plural(errors, " error")).append(", ").append(warnings).append(plural(warnings, " warning"))
                    .append(", fail-on ").append(plan.verdict().failOn().id()).append(')');
        }
        out.append('.');
        if (undone > 0) {
            out.append(" ").append(undone).append(plural(undone, " change")).append(" left undone, below.");
        }
        return out.append("\n\n`schemagate migrate diff` writes these files.").toString();
    }

    /** What of the SQL was left out. */
    private record Cut(int files, int lines) {
    }

    /** The planned files while they fit; the first that does not is cut at a line, and the rest counted. */
    private static Cut files(MarkdownBody sql, PlanReport plan) {
        if (plan.files().isEmpty()) {
            return new Cut(0, 0);
        }
        sql.add("### Planned files\n\n");
        List<PlanReport.File> files = plan.files();
        for (int i = 0; i < files.size(); i++) {
            PlanReport.File file = files.get(i);
            String heading = "#### " + MarkdownEscape.inline(file.name()) + "\n\n";
            String language = file.name().endsWith(".sql") ? "sql" : "";
            if (sql.add(heading + MarkdownEscape.fence(file.text(), language) + "\n")) {
                continue;
            }
            List<String> lines = file.text().lines().toList();
            int fit = 0; // the most lines whose block fits: blocks only grow with lines, so search
            int low = 1;
            int high = lines.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (cutBlock(heading, language, lines, mid).length() <= sql.room()) {
                    fit = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            if (fit == 0) {
                return new Cut(files.size() - i, 0);
            }
            sql.add(cutBlock(heading, language, lines, fit));
            return new Cut(files.size() - i - 1, lines.size() - fit);
        }
        return new Cut(0, 0);
    }

    private static String cutBlock(String heading, String language, List<String> lines, int keep) {
        int left = lines.size() - keep;
        return heading + MarkdownEscape.fence(String.join("\n", lines.subList(0, keep)) + "\n", language)
                + "\n*… " + left + plural(left, " more line") + " of this file not shown.*\n\n";
    }

    /** The plan's notes while they fit; returns how many did not. */
    private static int notes(MarkdownBody body, PlanReport plan) {
        return list(body, "### Notes\n\n", plan.notes());
    }

    /** What the plan leaves undone, while it fits; returns how many did not. */
    private static int undone(MarkdownBody body, PlanReport plan) {
        return list(body, "### Left undone\n\nThe plan does not reach the desired schema; write these by hand:\n\n",
                plan.unplanned());
    }

    private static int list(MarkdownBody body, String heading, List<String> items) {
        int left = items.size();
        String prefix = heading;
        for (String item : items) {
            if (!body.add(prefix + "- " + MarkdownEscape.inline(item) + "\n")) {
                break;
            }
            prefix = "";
            left--;
        }
        if (left < items.size()) {
            body.add("\n");
        }
        return left;
    }

    /** The lint findings on the planned files, as lint's comment shows them; returns how many did not fit. */
    private static int lint(MarkdownBody body, PlanReport plan, String docsBaseUrl) {
        if (plan.lint() == null) {
            return 0;
        }
        if (plan.lint().diagnostics().isEmpty() && plan.lint().files().stream().allMatch(f -> f.suppressed().isEmpty())) {
            body.add("### Lint\n\nNo findings on the planned files.\n");
            return 0;
        }
        if (!body.add("### Lint\n\n")) {
            return plan.lint().diagnostics().size();
        }
        return MarkdownReport.findings(body, plan.lint(), docsBaseUrl);
    }

    private static String note(Cut files, int notes, int findings) {
        StringBuilder out = new StringBuilder("---\n\n> ⚠️ **Truncated** to stay under ")
                .append(String.format(Locale.ROOT, "%,d", MarkdownReport.MAX_CHARS)).append(" characters: ");
        List<String> parts = new java.util.ArrayList<>();
        if (files.lines > 0) {
            parts.add(files.lines + plural(files.lines, " more line") + " of SQL");
        }
        if (files.files > 0) {
            parts.add(files.files + plural(files.files, " more file"));
        }
        if (notes > 0) {
            parts.add(notes + plural(notes, " more note"));
        }
        if (findings > 0) {
            parts.add(findings + plural(findings, " more finding"));
        }
        return out.append(String.join(", ", parts)).append(" not shown. The job log has the whole plan.\n").toString();
    }
}
