package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DI517: a statement that turns {@code statement_timeout} or {@code lock_timeout} off. The dev database does not
 * let it (its limits are also enforced from outside the session), but production will, so a reviewer should know.
 */
public final class TimeoutOverrides implements Analyzer {
    private static final String ZERO = "'?0(?:ms|s|min)?'?";
    private static final Pattern SET_ZERO = Pattern.compile(
            "(?is)^\\s*SET\\s+(?:LOCAL\\s+|SESSION\\s+)?(statement_timeout|lock_timeout)\\s*(?:=|\\bTO\\b)\\s*" + ZERO + "\\s*$");
    private static final Pattern SET_CONFIG_ZERO = Pattern.compile(
            "(?is)\\bset_config\\s*\\(\\s*'(statement_timeout|lock_timeout)'\\s*,\\s*" + ZERO + "\\s*,");

    @Override
    public void analyze(Pass pass) {
        for (StatementRun run : pass.statements()) {
            String text = run.statement().text();
            Matcher m = SET_ZERO.matcher(text);
            if (!m.matches()) {
                m = SET_CONFIG_ZERO.matcher(text);
                if (!m.find()) {
                    continue;
                }
            }
            String setting = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String limit = setting.equals("statement_timeout") ? "--statement-timeout" : "--lock-timeout";
            pass.report(Rule.DI517, run.statement(), "this turns " + setting + " off: in production nothing stops this"
                    + " migration (on the dev database, " + limit + " still applies)");
        }
    }
}
