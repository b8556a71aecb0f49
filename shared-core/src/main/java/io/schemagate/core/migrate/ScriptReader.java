package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sql.Split;
import io.schemagate.core.sql.SplitOptions;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.sql.StatementSplitter;
import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import java.util.ArrayList;
import java.util.List;

/** Reads one migration file: decode, header directives, the format's sections, statements. */
public final class ScriptReader {
    private ScriptReader() {
    }

    /**
     * @throws SourceException when the file is not UTF-8, holds a NUL byte, or does not lex (unterminated quote,
     *                         comment or block)
     */
    public static MigrationScript read(MigrationFile file, DirFormat format, Dialect dialect) throws SourceException {
        SourceText source = SourceText.decode(file.displayPath(), file.bytes());
        int nul = source.text().indexOf('\0');
        if (nul >= 0) { // caught here, where its place is known, not as a garbled protocol error from the database
            throw source.error(nul, "a NUL byte (0x00), which SQL text cannot hold (PostgreSQL refuses it,"
                    + " other clients cut the statement short); remove it");
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        DirectiveParser directiveParser = new DirectiveParser(file.displayPath(), source, diagnostics);
        Directives directives = directiveParser.header(file.bytes());
        Layout layout = format.layout(file, source, dialect);
        diagnostics.addAll(layout.diagnostics());

        List<Section> sections = new ArrayList<>();
        for (Region region : layout.regions()) {
            String delimiter = region.delimiter() != null ? region.delimiter()
                    : directives.delimiter() != null ? directives.delimiter() : ";";
            SplitOptions options = new SplitOptions(dialect, delimiter, region.gooseBlocks(), region.toolComments());
            Split split = StatementSplitter.split(source, region.from(), region.to(), options);
            for (Statement s : split.statements()) {
                directiveParser.attached(s.comments(), directives.headerEnd());
            }
            directiveParser.attached(split.trailingComments(), directives.headerEnd());
            List<Statement> statements = region.splitStatements() ? split.statements() : asOne(split.statements(), source);
            boolean runsAlone = format.sendsFileAsOneQuery() && statements.size() == 1;
            sections.add(new Section(region.name(), runsAlone ? TxMode.NONE : txMode(region, directives), statements));
        }
        directiveParser.outsideRegions(layout.regions(), directives.headerEnd());
        boolean empty = sections.stream().allMatch(s -> s.statements().isEmpty());
        boolean reported = diagnostics.stream().anyMatch(d -> d.code().equals(Rule.DI513.code()));
        if (empty && !reported) {
            diagnostics.add(Rule.DI513.at(file.displayPath(), source.position(0), "the file has no statements to run"));
        }
        return new MigrationScript(file, source, directives, sections, diagnostics);
    }

    /** The format's marker wins when it turns transactions off; otherwise the directive, then the default. */
    private static TxMode txMode(Region region, Directives directives) {
        if (region.txMode() == TxMode.NONE || directives.txMode() == TxMode.NONE) {
            return TxMode.NONE;
        }
        return TxMode.FILE;
    }

    /** Liquibase {@code splitStatements:false}: the region runs as one statement, first text to last. */
    private static List<Statement> asOne(List<Statement> statements, SourceText source) {
        if (statements.size() <= 1) {
            return statements;
        }
        Statement first = statements.get(0);
        Statement last = statements.get(statements.size() - 1);
        return List.of(new Statement(source.substring(first.start(), last.end()), first.leading(), last.separator(),
                first.start(), last.end(), first.position(), last.endLine(), first.comments()));
    }
}
