package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.migrate.Directive;
import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.Suppressed;
import io.schemagate.core.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code -- atlas:nolint [CODES]} in a file's header or above a statement (rules.md §6.1). Arguments are codes or
 * Atlas analyzer names standing for a family; none means every analyzer. Directory rules (DI) are never suppressed
 * here: they do not come from analyzers.
 */
final class Suppressions {
    private static final Map<String, List<String>> FAMILIES = Map.of(
            "destructive", List.of("DS"),
            "data_depend", List.of("MF", "MY101", "LT101"),
            "incompatible", List.of("BC"),
            "condrop", List.of("CD"),
            "naming", List.of("NM"),
            "concurrent_index", List.of("PG101", "PG102", "PG103"));

    private Suppressions() {
    }

    /**
     * The findings no directive suppresses, plus DI512 for suppressions that suppress nothing (info) and, when the
     * policy requires it, for suppressions without a reason.
     */
    static Analysis.Outcome apply(MigrationScript script, List<Statement> ran, List<Diagnostic> findings, Policy policy) {
        List<Directive> fileLevel = script.directives().nolint();
        Map<Statement, List<Directive>> statementLevel = new LinkedHashMap<>();
        ran.forEach(s -> statementLevel.put(s, script.nolint(s)));
        Set<Directive> used = new HashSet<>();
        List<Diagnostic> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        for (Diagnostic d : findings) {
            Optional<Directive> by = suppressor(fileLevel, d.code());
            if (by.isEmpty()) {
                by = statementAt(ran, d).flatMap(s -> suppressor(statementLevel.get(s), d.code()));
            }
            by.ifPresentOrElse(n -> {
                used.add(n);
                suppressed.add(new Suppressed(d, n.reason()));
            }, () -> kept.add(d));
        }
        String file = script.file().displayPath();
        List<Directive> all = new ArrayList<>(fileLevel);
        statementLevel.values().forEach(all::addAll);
        for (Directive nolint : all) {
            String shown = ("atlas:nolint " + String.join(" ", nolint.args())).strip();
            if (!used.contains(nolint) && !namesOnlyDirectoryRules(nolint)) {
                kept.add(Rule.DI512.at(file, nolint.position(), Severity.INFO, shown + " suppresses nothing; remove it"));
            }
            if (policy.requireReason() && nolint.reason().isBlank()) {
                kept.add(Rule.DI512.at(file, nolint.position(), shown
                        + " gives no reason; add one after \" -- \" (require-reason is on)"));
            }
        }
        return new Analysis.Outcome(kept, suppressed);
    }

    /** {@code atlas:nolint DI508} / {@code DI513} work on the directory's findings, which the loader filters. */
    private static boolean namesOnlyDirectoryRules(Directive nolint) {
        return !nolint.args().isEmpty() && nolint.args().stream().allMatch(a -> a.equals("DI508") || a.equals("DI513"));
    }

    private static Optional<Statement> statementAt(List<Statement> ran, Diagnostic d) {
        return ran.stream().filter(s -> s.position().equals(d.position())).findFirst();
    }

    private static Optional<Directive> suppressor(List<Directive> nolints, String code) {
        return nolints.stream().filter(n -> suppresses(List.of(n), code)).findFirst();
    }

    private static boolean suppresses(List<Directive> nolints, String code) {
        for (Directive nolint : nolints) {
            if (nolint.args().isEmpty()) {
                return true;
            }
            for (String arg : nolint.args()) {
                if (arg.equals(code) || FAMILIES.getOrDefault(arg, List.of()).stream().anyMatch(code::startsWith)) {
                    return true;
                }
            }
        }
        return false;
    }
}
