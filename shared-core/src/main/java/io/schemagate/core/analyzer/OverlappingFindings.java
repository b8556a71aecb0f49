package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.text.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings that only add to another finding on the same statement, so a reviewer reads one comment instead of two:
 *
 * <ul>
 *   <li>a missing timeout (PG508, PG509, at their default info level) becomes a sentence and a fix of the finding it
 *       accompanies — the statement that takes the lock has usually been reported for it already;</li>
 *   <li>an observed rewrite (PG515) is dropped where a rule that explains the rewrite reported the statement.</li>
 * </ul>
 *
 * Severities are the policy's: a timeout rule raised to warning stays a finding of its own, and a finding the policy
 * turns off hosts nothing.
 */
final class OverlappingFindings {
    private static final Set<String> TIMEOUTS = Set.of(Rule.PG508.code(), Rule.PG509.code());
    private static final Set<String> REWRITES = Set.of(Rule.PG301.code(), Rule.PG302.code(), Rule.PG309.code(),
            Rule.PG310.code(), Rule.PG503.code(), Rule.PG506.code(), Rule.PG516.code());

    private record At(String file, Position position) {
    }

    private OverlappingFindings() {
    }

    /**
     * @param suppressed what {@code atlas:nolint} took out: a rewrite explained and accepted there is not reported
     *                   again as unexplained
     */
    static List<Diagnostic> merge(List<Diagnostic> findings, List<Diagnostic> suppressed, Policy policy) {
        Map<At, List<Diagnostic>> byStatement = new LinkedHashMap<>();
        for (Diagnostic d : findings) {
            byStatement.computeIfAbsent(new At(d.file(), d.position()), k -> new ArrayList<>()).add(d);
        }
        List<Diagnostic> out = new ArrayList<>(findings.size());
        for (Map.Entry<At, List<Diagnostic>> together : byStatement.entrySet()) {
            boolean explainedBySuppressed = suppressed.stream().anyMatch(d -> REWRITES.contains(d.code())
                    && new At(d.file(), d.position()).equals(together.getKey()));
            out.addAll(mergeOne(together.getValue(), explainedBySuppressed, policy));
        }
        return out;
    }

    private static List<Diagnostic> mergeOne(List<Diagnostic> together, boolean explainedBySuppressed, Policy policy) {
        boolean explained = explainedBySuppressed
                || together.stream().anyMatch(d -> REWRITES.contains(d.code()) && shown(d, policy));
        List<Diagnostic> notes = new ArrayList<>();
        List<Diagnostic> rest = new ArrayList<>();
        for (Diagnostic d : together) {
            if (d.code().equals(Rule.PG515.code()) && explained) {
                continue;
            }
            (TIMEOUTS.contains(d.code()) && policy.severityOf(d) == Severity.INFO ? notes : rest).add(d);
        }
        int host = hostIndex(rest, policy);
        if (notes.isEmpty() || host < 0 && notes.size() == 1) {
            rest.addAll(notes);
            return rest;
        }
        if (host < 0) { // two notes alone: the first hosts the second, and its own fix joins the joined one
            Diagnostic first = notes.get(0);
            Diagnostic bare = new Diagnostic(first.code(), first.severity(), first.file(), first.position(),
                    first.message(), List.of());
            Diagnostic joined = fold(bare, notes.subList(1, notes.size()), notes);
            rest.add(joined);
            return rest;
        }
        rest.set(host, fold(rest.get(host), notes, notes));
        return rest;
    }

    /** The finding that takes the notes: the most severe one the policy shows. */
    private static int hostIndex(List<Diagnostic> candidates, Policy policy) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Severity s = policy.severityOf(candidates.get(i));
            if (s != Severity.OFF && (best < 0 || s.compareTo(policy.severityOf(candidates.get(best))) < 0)) {
                best = i;
            }
        }
        return best;
    }

    private static boolean shown(Diagnostic d, Policy policy) {
        return policy.severityOf(d) != Severity.OFF;
    }

    /**
     * The host with each note's reason added to its message and the notes' edits (each inserts one line before the
     * statement's first line) joined into one fix, so applying it inserts every SET once.
     */
    private static Diagnostic fold(Diagnostic host, List<Diagnostic> notes, List<Diagnostic> fixesFrom) {
        StringBuilder message = new StringBuilder(host.message());
        List<Fix> fixes = new ArrayList<>(host.fixes());
        StringBuilder inserted = new StringBuilder();
        Fix.TextEdit first = null;
        List<String> advice = new ArrayList<>();
        for (Diagnostic note : notes) {
            message.append("; and ").append(reason(note.message())).append(" (").append(note.code()).append(")");
        }
        for (Diagnostic note : fixesFrom) {
            for (Fix fix : note.fixes()) {
                advice.add(fix.message());
                Fix.TextEdit edit = fix.edit();
                if (edit != null && (first == null || edit.line() == first.line())) {
                    first = first == null ? edit : first;
                    inserted.append(insertedBefore(edit));
                }
            }
        }
        if (!advice.isEmpty()) {
            fixes.add(new Fix(String.join(" ", advice), first == null ? null
                    : new Fix.TextEdit(first.line(), first.endLine(), inserted + statementLines(first))));
        }
        return new Diagnostic(host.code(), host.severity(), host.file(), host.position(), message.toString(), fixes);
    }

    /** {@code no lock_timeout is set earlier in the file…} from a timeout finding's message. */
    private static String reason(String message) {
        int with = message.indexOf(" with no ");
        return with < 0 ? message : message.substring(with + " with ".length());
    }

    /** The line a timeout edit puts before the statement (its edits insert exactly one). */
    private static String insertedBefore(Fix.TextEdit edit) {
        String text = edit.newText();
        return text.substring(0, text.indexOf('\n') + 1);
    }

    /** The statement's first line, as the timeout edit keeps it after the inserted line. */
    private static String statementLines(Fix.TextEdit edit) {
        String text = edit.newText();
        return text.substring(text.indexOf('\n') + 1);
    }
}
