package io.schemagate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The {@code schemagate} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean color = Terminal.colorAllowed(System.console() != null, System.getenv());
        System.exit(run(args, new Terminal(out, err, color)));
    }

    /** Runs one command line and returns its exit code; never throws. */
    public static int run(String[] args, Terminal terminal) {
        Session session = new Session(terminal);
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
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code;
            if (e instanceof CliException failure) {
                terminal.err().println("schemagate: " + failure.getMessage());
                code = failure.exitCode();
            } else {
                terminal.err().println("schemagate: internal error: " + e
                        + (session.verbose() ? "" : " (run with --verbose for details, and please report it)"));
                code = ExitCode.ENVIRONMENT;
            }
            if (session.verbose()) {
                e.printStackTrace(terminal.err());
            }
            terminal.err().flush();
            return code;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (Error e) { // picocli hands only Exceptions to the handler above
            terminal.err().println("schemagate: internal error: " + e
                    + (session.verbose() ? "" : " (run with --verbose for details, and please report it)"));
            if (session.verbose()) {
                e.printStackTrace(terminal.err());
            }
            code = ExitCode.ENVIRONMENT;
        }
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    static CommandLine commandLine(Session session) {
        return new CommandLine(new SchemagateCommand(session))
                .addSubcommand(new CommandLine(new MigrateCommand())
                        .addSubcommand(new LintCommand(session))
                        .addSubcommand(new HashCommand(session))
                        .addSubcommand(new ValidateCommand(session)));
    }
}
