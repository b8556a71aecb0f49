package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;
import java.util.regex.Pattern;

/**
 * LT501: an ADD COLUMN SQLite accepts on the empty dev table and refuses on a table with rows — a non-constant
 * default (CURRENT_TIMESTAMP, an expression). (NOT NULL without a default fails the same way: MF103 says so.)
 */
final class AddColumnOnRows implements Analyzer {
    private static final Pattern NON_CONSTANT = Pattern.compile(
            "(?i)^\\s*(\\(|CURRENT_TIME\\b|CURRENT_DATE\\b|CURRENT_TIMESTAMP\\b)");

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            for (SchemaChange change : runs.get(i).changes()) {
                if (change instanceof SchemaChange.AddColumn a && pass.preExisting(a.table(), i)
                        && a.column().defaultExpression() != null
                        && NON_CONSTANT.matcher(a.column().defaultExpression()).find()) {
                    pass.report(Rule.LT501, runs.get(i).statement(), "column " + a.table().member(a.column().name())
                                    + " is added with the non-constant default " + a.column().defaultExpression()
                                    + ": SQLite refuses that on a table with rows (it passed here only because the dev"
                                    + " table is empty)",
                            new Fix("Add it with a constant default (or none) and fill it with an UPDATE, or rebuild the"
                                    + " table.", null));
                }
            }
        }
    }
}
