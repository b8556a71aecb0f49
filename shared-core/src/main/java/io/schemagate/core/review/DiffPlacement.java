package io.schemagate.core.review;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which findings can become line comments on a pull or merge request, and where they sit. Only lines the request
 * changed can carry one (platforms refuse the rest); other findings stay in the summary comment. Platform-neutral:
 * each front end renders the comment bodies and suggestion syntax its platform uses.
 */
public final class DiffPlacement {
    /**
     * A review holding hundreds of comments buries the request (and platforms may refuse it): past this many, the
     * least severe findings stay in the summary comment.
     */
    public static final int MAX_COMMENTS = 50;

    private DiffPlacement() {
    }

    /**
     * One finding on the diff.
     *
     * @param finding    the finding
     * @param path       repository-relative path
     * @param startLine  first line of a multi-line comment (a suggestion replacing several lines), or 0 for one line
     * @param line       the line it sits on (the last line of a multi-line comment)
     * @param suggestion the fix whose edit replaces lines {@code startLine..line} (or {@code line}), or null
     */
    public record Placed(Diagnostic finding, String path, int startLine, int line, Fix suggestion) {
    }

    /**
     * @param placed      findings on changed lines, most severe first, at most {@link #MAX_COMMENTS}
     * @param outsideDiff findings on lines the request did not change
     * @param beyondLimit findings on changed lines left out past {@link #MAX_COMMENTS}: not posted, but still current
     *                    (a comment an earlier run posted for one of them is not stale)
     */
    public record Plan(List<Placed> placed, int outsideDiff, List<Placed> beyondLimit) {
        public Plan {
            placed = List.copyOf(placed);
            beyondLimit = List.copyOf(beyondLimit);
        }

        /** How many findings on changed lines were left out. */
        public int overLimit() {
            return beyondLimit.size();
        }
    }

    /**
     * @param diagnostics  the report's findings
     * @param repoPath     a finding's file as a repository-relative path, empty when it lies outside the repository
     * @param changedFiles the request's files by path
     * @param suggestions  whether a fix with an edit on changed lines becomes a suggestion
     */
    public static Plan plan(List<Diagnostic> diagnostics, Function<String, Optional<String>> repoPath,
            Map<String, ChangedFile> changedFiles, boolean suggestions) {
        List<Placed> placed = new ArrayList<>();
        int outside = 0;
        List<Diagnostic> bySeverity = diagnostics.stream()
                .filter(d -> d.severity() != Severity.OFF)
                .sorted(Comparator.comparing(Diagnostic::severity)) // stable: reading order within a severity
                .toList();
        for (Diagnostic d : bySeverity) {
            ChangedFile file = repoPath.apply(d.file()).map(changedFiles::get).orElse(null);
            Optional<Placed> place = file == null ? Optional.empty() : place(d, file, suggestions);
            if (place.isPresent()) {
                placed.add(place.get());
            } else {
                outside++;
            }
        }
        int kept = Math.min(placed.size(), MAX_COMMENTS);
        return new Plan(placed.subList(0, kept), outside, placed.subList(kept, placed.size()));
    }

    /** A suggestion spans the lines its edit replaces; without one the comment sits on the finding's line. */
    private static Optional<Placed> place(Diagnostic d, ChangedFile file, boolean suggestions) {
        if (suggestions) {
            for (Fix fix : d.fixes()) {
                Fix.TextEdit edit = fix.edit();
                if (edit != null) {
                    int last = Math.max(edit.line(), edit.endLine());
                    if (file.changed(edit.line(), last)) {
                        return Optional.of(new Placed(d, file.path(), last > edit.line() ? edit.line() : 0, last, fix));
                    }
                }
            }
        }
        int line = d.position().line();
        return file.changed(line) ? Optional.of(new Placed(d, file.path(), 0, line, null)) : Optional.empty();
    }
}
