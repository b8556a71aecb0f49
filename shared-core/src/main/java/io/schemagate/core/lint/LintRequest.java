package io.schemagate.core.lint;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import java.util.Map;

/**
 * What {@code migrate lint} is asked to do.
 *
 * @param dir       the migration directory
 * @param format    its format
 * @param selection how to pick the new files
 * @param devUrl    the dev database
 * @param settings  dev session timeouts
 * @param policy    severities and the gate threshold ({@code schemagate.yaml})
 * @param env       the process environment (CI context)
 * @param baseCache whether the base may come from, and go to, the dev database's base cache
 */
public record LintRequest(MigrationDir dir, DirFormat format, NewFiles selection, DevUrl devUrl, DevSettings settings,
                          Policy policy, Map<String, String> env, boolean baseCache) {
    public LintRequest {
        env = Map.copyOf(env);
    }

    /** A request that replays the whole base every time. */
    public LintRequest(MigrationDir dir, DirFormat format, NewFiles selection, DevUrl devUrl, DevSettings settings,
                       Policy policy, Map<String, String> env) {
        this(dir, format, selection, devUrl, settings, policy, env, false);
    }

    public LintRequest withBaseCache(boolean on) {
        return new LintRequest(dir, format, selection, devUrl, settings, policy, env, on);
    }
}
