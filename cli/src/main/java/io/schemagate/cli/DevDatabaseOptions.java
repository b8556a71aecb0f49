package io.schemagate.cli;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.DevUrlException;
import io.schemagate.core.dialect.Dialects;
import io.schemagate.core.sql.Dialect;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where migrations replay, and their limits there: shared by every command that runs SQL on a dev database. */
public final class DevDatabaseOptions {
    /** A URL with a password, bound from a CI secret, need not be on the command line. */
    static final String DEV_URL_VARIABLE = "SCHEMAGATE_DEV_URL";

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "Dev database to replay on (else SCHEMAGATE_DEV_URL, else the dialect's embedded one, "
                    + DevUrl.DEFAULT_URL + " for postgres).")
    String devUrl;

    @Option(names = "--dialect", paramLabel = "DIALECT",
            description = "The migrations' database: postgres, mysql (also MariaDB), sqlite (default: the dev URL's,"
                    + " else postgres).")
    String dialect;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            description = "Longest a statement may run on the dev database, e.g. 90s or 5m.")
    String statementTimeout;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "Longest a statement may wait for a lock on the dev database, e.g. 10s.")
    String lockTimeout;

    @Option(names = "--dev-privileged",
            description = "Replay as the dev URL's own login (embedded and docker: the server's superuser) instead of a"
                    + " fresh role that may only use its scratch database. Only for trusted migrations that need a"
                    + " superuser: they can then run programs and read files on the dev database's server.")
    boolean devPrivileged;

    /** The dev URL given, else the dialect's default; a dev URL of another database than --dialect is refused. */
    DevUrl url(Map<String, String> env) {
        Optional<Dialect> wanted = Optional.empty();
        if (dialect != null) {
            wanted = Optional.of(Dialect.parse(dialect).orElseThrow(() -> new CliException(ExitCode.BAD_INPUT,
                    "unknown --dialect \"" + dialect + "\"; expected postgres, mysql or sqlite")));
        }
        String given = devUrl != null ? devUrl : env.get(DEV_URL_VARIABLE);
        DevUrl url;
        try {
            url = DevUrl.parse(given != null && !given.isBlank() ? given
                    : Dialects.defaultDevUrl(wanted.orElse(Dialect.POSTGRES)));
        } catch (DevUrlException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
        Dialect served = Dialects.forUrl(url).sql();
        if (wanted.isPresent() && wanted.get() != served) {
            throw new CliException(ExitCode.BAD_INPUT, "--dialect " + dialect + " does not match the dev URL "
                    + url.masked() + ", a " + served.id() + " database");
        }
        return url;
    }

    DevSettings settings() {
        DevSettings defaults = DevSettings.defaults();
        return new DevSettings(
                statementTimeout == null ? defaults.statementTimeout() : TimeoutFlag.parse(statementTimeout, "--statement-timeout"),
                lockTimeout == null ? defaults.lockTimeout() : TimeoutFlag.parse(lockTimeout, "--lock-timeout"))
                .withPrivileged(devPrivileged);
    }
}
