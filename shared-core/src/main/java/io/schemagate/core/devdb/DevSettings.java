package io.schemagate.core.devdb;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on the dev session, so a bad migration fails the job instead of hanging the pipeline, and who it runs as.
 *
 * @param statementTimeout {@code statement_timeout}: the longest one statement may run; also enforced from a second
 *                         session, so a migration cannot lift it with {@code SET statement_timeout = 0}
 * @param lockTimeout      {@code lock_timeout}: the longest one statement may wait for a lock
 * @param privileged       replay as the dev URL's own login (on embedded and container dev databases: the server's
 *                         superuser) instead of a fresh unprivileged role: only for trusted migrations that need
 *                         superuser-only extensions or statements ({@code --dev-privileged})
 * @param baseCache        the run may use the dev database's base cache: on the embedded server, start from the
 *                         kept cluster and keep it again (never for a privileged run)
 */
public record DevSettings(Duration statementTimeout, Duration lockTimeout, boolean privileged, boolean baseCache) {

    public DevSettings {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (statementTimeout.isNegative() || statementTimeout.isZero() || lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("dev session timeouts must be positive");
        }
        if (statementTimeout.toMillis() > Integer.MAX_VALUE || lockTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dev session timeouts must be under 24 days"); // PostgreSQL's int ms
        }
    }

    /** Least privilege: migrations replay as a fresh role that may do nothing outside its scratch database. */
    public DevSettings(Duration statementTimeout, Duration lockTimeout) {
        this(statementTimeout, lockTimeout, false, false);
    }

    public DevSettings(Duration statementTimeout, Duration lockTimeout, boolean privileged) {
        this(statementTimeout, lockTimeout, privileged, false);
    }

    public DevSettings withPrivileged(boolean on) {
        return new DevSettings(statementTimeout, lockTimeout, on, baseCache);
    }

    public DevSettings withBaseCache(boolean on) {
        return new DevSettings(statementTimeout, lockTimeout, privileged, on);
    }

    /**
     * 5 minutes per statement: on an empty dev database DDL is instant and even a data backfill over rows the
     * migration inserted itself takes seconds, so a statement still running after minutes is stuck (an endless
     * function, a runaway {@code generate_series}); 5 minutes leaves room for slow shared CI runners and still
     * fails well inside a typical job timeout.
     * <p>10 seconds per lock wait: schemagate holds the only session on its dev database, so a lock wait means
     * someone else is using it (a shared service, a leftover session), and that will not resolve by waiting.
     */
    public static DevSettings defaults() {
        return new DevSettings(Duration.ofMinutes(5), Duration.ofSeconds(10));
    }
}
