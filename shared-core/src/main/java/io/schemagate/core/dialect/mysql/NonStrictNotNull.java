package io.schemagate.core.dialect.mysql;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MY508: a column of a table that may hold rows becomes NOT NULL while the session's {@code sql_mode} is not strict:
 * MySQL and MariaDB then turn the NULLs into 0 or '' with a warning instead of failing. The mode starts as the dev
 * server's and follows the file's own {@code SET sql_mode = …}.
 */
final class NonStrictNotNull implements Analyzer {
    private static final Pattern SET_SQL_MODE = Pattern.compile(
            "(?is)^\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+|@@SESSION\\.|@@LOCAL\\.|@@)?sql_mode\\s*(?:=|:=)\\s*'([^']*)'");

    private final String initialMode;

    NonStrictNotNull(String initialMode) {
        this.initialMode = initialMode;
    }

    static boolean strict(String mode) {
        String upper = mode.toUpperCase(Locale.ROOT);
        return upper.contains("STRICT_TRANS_TABLES") || upper.contains("STRICT_ALL_TABLES");
    }

    @Override
    public void analyze(Pass pass) {
        String mode = initialMode;
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            Matcher set = SET_SQL_MODE.matcher(run.statement().text());
            if (set.find()) {
                mode = set.group(1);
                continue;
            }
            if (strict(mode)) {
                continue;
            }
            for (SchemaChange change : run.changes()) {
                String column = null;
                if (change instanceof SchemaChange.ModifyColumn m && m.setNotNull() && pass.preExisting(m.table(), i)) {
                    column = m.table().member(m.after().name());
                } else if (change instanceof SchemaChange.AddColumn a && a.column().notNull() && pass.preExisting(a.table(), i)) {
                    column = a.table().member(a.column().name());
                }
                if (column != null) {
                    pass.report(Rule.MY508, run.statement(), "column " + column + " becomes NOT NULL while sql_mode ('"
                                    + mode + "') is not strict: NULLs in existing rows silently become 0 or '' instead"
                                    + " of failing the migration",
                            new Fix("Run migrations with STRICT_TRANS_TABLES in sql_mode, and backfill NULLs explicitly"
                                    + " first.", null));
                }
            }
        }
    }
}
