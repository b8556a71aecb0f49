package io.schemagate.core.analyzer;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.migrate.Directive;
import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The findings no directive suppresses. */
    static List<Diagnostic> apply(MigrationScript script, List<Diagnostic> findings) {
        List<Diagnostic> kept = new ArrayList<>();
        for (Diagnostic d : findings) {
            boolean suppressed = suppresses(script.directives().nolint(), d.code())
                    || statementAt(script, d).map(s -> suppresses(script.nolint(s), d.code())).orElse(false);
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }

    private static Optional<Statement> statementAt(MigrationScript script, Diagnostic d) {
        return script.statements().stream().filter(s -> s.position().equals(d.position())).findFirst();
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
