package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.text.SourceText;
import java.util.List;

/**
 * A migration file read the way its tool reads it: directives, the sections that run, their statements.
 *
 * @param file        the file
 * @param source      its decoded text
 * @param directives  header directives
 * @param sections    what runs, in order
 * @param diagnostics problems found while reading (DI511, DI512, DI513)
 */
public record MigrationScript(MigrationFile file, SourceText source, Directives directives, List<Section> sections,
                              List<Diagnostic> diagnostics) {
    public MigrationScript {
        sections = List.copyOf(sections);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Every statement that runs, in order. */
    public List<Statement> statements() {
        return sections.stream().flatMap(s -> s.statements().stream()).toList();
    }

    /** The {@code atlas:nolint} directives attached to one of this file's statements. */
    public List<Directive> nolint(Statement statement) {
        return DirectiveParser.nolint(statement, directives.headerEnd());
    }
}
