package io.schemagate.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dev-database timeout flag ({@code --statement-timeout}, {@code --lock-timeout}): {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 2d}, checked against what PostgreSQL accepts before anything starts.
 */
final class TimeoutFlag {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** PostgreSQL keeps both settings as an int of milliseconds (about 24.8 days). */
    private static final BigInteger MAX_MILLIS = BigInteger.valueOf(Integer.MAX_VALUE);

    private TimeoutFlag() {
    }

    /** @throws CliException (exit 2) naming the flag, for text that is no duration or one PostgreSQL cannot take */
    static Duration parse(String text, String flag) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw bad(flag, text, "expected a duration such as 500ms, 30s, 5m, 1h or 2d");
        }
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        // BigInteger: the digits may be any number of them, and must neither overflow nor wrap around.
        BigInteger millis = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit));
        if (millis.signum() == 0) {
            throw bad(flag, text, "must be longer than 0 (PostgreSQL reads 0 as no limit at all)");
        }
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw bad(flag, text, "too long: PostgreSQL takes at most 24 days (" + MAX_MILLIS + "ms)");
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    private static CliException bad(String flag, String text, String problem) {
        return new CliException(ExitCode.BAD_INPUT, flag + " " + text + ": " + problem);
    }
}
