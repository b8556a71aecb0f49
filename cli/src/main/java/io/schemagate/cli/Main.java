package io.schemagate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The {@code schemagate} command. */
public final class Main {
    /**
     * hub4j logs retries through java.util.logging onto stderr; schemagate reports failures itself, one line each.
     * Held here because the logging framework keeps loggers only weakly.
     */
    private static final Logger GITHUB_CLIENT_LOG = Logger.getLogger("org.kohsuke.github");

    private Main() {
    }

    public static void main(String[] args) {
        GITHUB_CLIENT_LOG.setLevel(Level.OFF);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean color = Terminal.colorAllowed(System.console() != null, System.getenv());
        Session session = new Session(new Terminal(out, err, color), System.getenv());
        // On SIGINT/SIGTERM the dev database's own hook cleans up and cuts its connection; the command then fails
        // with that cut, which must not be reported as an error of its own.
        Runtime.getRuntime().addShutdownHook(new Thread(session::interrupt, "schemagate-interrupt"));
        System.exit(run(args, session));
    }

    /** Runs one command line and returns its exit code; never throws. */
    public static int run(String[] args, Terminal terminal) {
        return run(args, new Session(terminal, System.getenv()));
    }

    /** As {@link #run(String[], Terminal)}, in the environment {@code env} instead of the process's. */
    public static int run(String[] args, Terminal terminal, Map<String, String> env) {
        return run(args, new Session(terminal, env));
    }

    private static int run(String[] args, Session session) {
        Terminal terminal = session.terminal();
        if (GithubAction.requested(args, session.env())) {
            try {
                GithubAction action = GithubAction.fromEnvironment(session.env());
                session.action(action);
                args = action.arguments().toArray(String[]::new);
                terminal.err().println("schemagate: running \"" + String.join(" ", action.shownArguments())
                        + "\" (from the action's inputs)");
            } catch (CliException e) {
                return failed(e, session);
            }
        }
        CommandLine cli = commandLine(session);
        cli.setOut(terminal.out());
        cli.setErr(terminal.err());
        cli.setUsageHelpWidth(100);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.color() ? Ansi.ON : Ansi.OFF));
        cli.setParameterExceptionHandler((e, cmdArgs) -> {
            terminal.err().println("schemagate: " + e.getMessage());
            terminal.err().println("Try \"" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help\".");
            terminal.err().flush();
            return ExitCode.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, session));
        int code;
        try {
            code = cli.execute(args);
        } catch (Error e) { // picocli hands only Exceptions to the handler above
            code = failed(e, session);
        }
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    /** One line on stderr for a failed command (a stack trace only with --verbose), and its exit code. */
    private static int failed(Throwable e, Session session) {
        PrintWriter err = session.terminal().err();
        int code;
        if (session.interrupted()) {
            err.println("schemagate: interrupted");
            code = ExitCode.ENVIRONMENT;
        } else if (e instanceof CliException failure) {
            err.println("schemagate: " + failure.getMessage());
            code = failure.exitCode();
        } else {
            err.println("schemagate: internal error: " + e
                    + (session.verbose() ? "" : " (run with --verbose for details, and please report it)"));
            code = ExitCode.ENVIRONMENT;
        }
        if (session.verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static CommandLine commandLine(Session session) {
        return new CommandLine(new SchemagateCommand(session))
                .addSubcommand(new CommandLine(new MigrateCommand())
                        .addSubcommand(new LintCommand(session))
                        .addSubcommand(new HashCommand(session))
                        .addSubcommand(new ValidateCommand(session))
                        .addSubcommand(new PushCommand(session))
                        .addSubcommand(new PullCommand(session)));
    }
}
