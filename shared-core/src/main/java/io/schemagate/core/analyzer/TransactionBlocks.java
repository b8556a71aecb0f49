package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.sql.StatementCode;
import java.util.regex.Pattern;

/**
 * TX502: a file that opens a transaction ({@code BEGIN}, {@code START TRANSACTION}) and never ends it. What happens
 * to its statements then depends on the tool and the connection: committed by the next statement that commits, rolled
 * back when the session closes, or left holding its locks. Read from the file's text, all of it, so a replay that
 * stopped early does not hide the COMMIT.
 */
final class TransactionBlocks implements Analyzer {
    private static final String START = "(?is)^(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*";
    private static final Pattern OPENS = Pattern.compile(START
            + "(BEGIN(\\s+(WORK|TRANSACTION|DEFERRED|IMMEDIATE|EXCLUSIVE|ISOLATION|READ|DEFERRABLE|NOT)\\b.*)?"
            + "|START\\s+TRANSACTION\\b.*)\\s*;?\\s*$");
    /** Ends it: not ROLLBACK TO a savepoint, and not COMMIT or ROLLBACK AND CHAIN (which opens the next one). */
    private static final Pattern ENDS = Pattern.compile(START
            + "(COMMIT|END|ROLLBACK|ABORT)(?!\\s+(WORK\\s+|TRANSACTION\\s+)?TO\\b)(?!.*\\bAND\\s+CHAIN\\b)\\b.*"
            + "|" + START + "PREPARE\\s+TRANSACTION\\b.*");

    @Override
    public void analyze(Pass pass) {
        Statement open = null;
        for (Statement statement : pass.run().script().statements()) {
            String code = StatementCode.keywords(statement.text());
            if (OPENS.matcher(code).matches()) {
                open = open == null ? statement : open;
            } else if (ENDS.matcher(code).matches()) {
                open = null;
            }
        }
        if (open != null) {
            pass.report(Rule.TX502, open, "the transaction this statement opens is never committed or rolled back in"
                            + " the file: its changes wait on whatever the tool's session does next",
                    new Fix("End the transaction with COMMIT; after its last statement.", null));
        }
    }
}
