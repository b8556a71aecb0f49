package io.schemagate.core.dialect.mysql;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MY509: a table created or altered with an ENGINE other than InnoDB (MyISAM, Aria, MEMORY, …): no transactions, no
 * crash safety, no foreign keys, table-level locks, no online DDL.
 */
final class NonInnodbTables implements Analyzer {
    private static final Pattern ENGINE = Pattern.compile("(?i)\\bENGINE\\s*=?\\s*[`'\"]?(\\w+)");
    private static final Pattern TABLE_DDL = Pattern.compile("(?is)^\\s*(CREATE|ALTER)\\s+.*\\bTABLE\\b.*");

    @Override
    public void analyze(Pass pass) {
        for (StatementRun run : pass.statements()) {
            String text = run.statement().text();
            if (!TABLE_DDL.matcher(text).matches()) {
                continue;
            }
            Matcher engine = ENGINE.matcher(text);
            if (engine.find() && !engine.group(1).toLowerCase(Locale.ROOT).equals("innodb")) {
                pass.report(Rule.MY509, run.statement(), "ENGINE=" + engine.group(1) + ": no transactions, no crash"
                                + " recovery, no foreign keys, and every write locks the whole table",
                        new Fix("Use ENGINE=InnoDB (the default).", null));
            }
        }
    }
}
