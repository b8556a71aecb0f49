package io.schemagate.cli;

import io.schemagate.core.lock.LockMode;
import io.schemagate.core.report.RuleDocs;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "What a PostgreSQL lock mode blocks, or what a rule means (its page, offline).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate explain \"ACCESS EXCLUSIVE\"",
            "  schemagate explain ShareRowExclusiveLock",
            "  schemagate explain PG518"})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LOCKMODE|CODE", arity = "1..*",
            description = "A lock mode as SQL, pg_locks or reports name it, or a rule code such as PG101.")
    String[] topic;

    private final Session session;

    ExplainCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String text = String.join(" ", topic);
        Optional<String> page = RuleDocs.page(text.trim().toUpperCase(Locale.ROOT));
        if (page.isPresent()) {
            session.terminal().out().print(page.get());
            return ExitCode.PASSED;
        }
        LockMode mode = LockMode.parse(text).orElseThrow(() -> new CliException(ExitCode.BAD_INPUT,
                "explain: \"" + shown(text) + "\" is neither a lock mode (" + Arrays.stream(LockMode.values())
                        .map(LockMode::sqlName).collect(Collectors.joining(", ")) + ") nor a rule code"));
        session.terminal().out().print(lockMode(mode));
        return ExitCode.PASSED;
    }

    /** The mode, what it blocks in plain words, and the modes it conflicts with. */
    static String lockMode(LockMode mode) {
        String conflicts = Arrays.stream(LockMode.values()).filter(mode::conflictsWith).map(LockMode::sqlName)
                .collect(Collectors.joining(", "));
        return mode.sqlName() + " (pg_locks: " + mode.serverName() + ")\n"
                + "  " + capitalized(mode.blocks().text()) + " on the relation while it is held, which is until the"
                + " transaction that took it ends.\n"
                + "  Conflicts with: " + conflicts + ".\n"
                + "  Reads take ACCESS SHARE, INSERT/UPDATE/DELETE take ROW EXCLUSIVE, VACUUM and most schema changes"
                + " SHARE UPDATE EXCLUSIVE or stronger.\n"
                + (mode.dangerous() ? "  schemagate reports it on existing tables: it stops the application's writes"
                        + (mode.blocks() == LockMode.Blocks.READS_AND_WRITES ? " and reads" : "") + ".\n" : "");
    }

    /** The argument as an error line may echo it: control characters dropped, at most 60 characters. */
    private static String shown(String text) {
        String printable = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
