package io.schemagate.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code schemagate} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean color = Terminal.colorAllowed(System.console() != null, System.getenv());
        Session session = new Session(new Terminal(out, err, color), System.getenv());
        routeConsoleThrough(session.terminal());
        // On SIGINT/SIGTERM the dev database's own hook cleans up and cuts its connection; the command then fails
        // with that cut, which must not be reported as an error of its own.
        Runtime.getRuntime().addShutdownHook(new Thread(session::interrupt, "schemagate-interrupt"));
        System.exit(run(args, session));
    }

    /**
     * Whatever libraries print on {@code System.out}/{@code System.err} (java.util.logging's console handler, a stray
     * stack trace) goes through the session's redacting terminal too, so every byte of output is redacted.
     * java.util.logging is left uninitialised here: most commands never log, and starting its LogManager costs
     * every run some 150 classes. When a library first logs, the LogManager reads {@link ClientLogging}, and the
     * console handler it then makes writes to the redacted {@code System.err} set here.
     */
    private static void routeConsoleThrough(Terminal terminal) {
        System.setOut(new PrintStream(new DecodingOutputStream(terminal.out()), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new DecodingOutputStream(terminal.err()), true, StandardCharsets.UTF_8));
        ClientLogging.installOnFirstUse();
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
        session.secrets().addArguments(List.of(args)); // before anything can echo an argument
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
        CommandLine cli = commandLine(session, needed(args));
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
        } else if (e instanceof OutOfMemoryError) {
            // bin/schemagate caps the heap (-Xmx1g) so that every runner behaves alike; a bigger schema needs more.
            err.println("schemagate: out of memory (" + e.getMessage() + ", at most "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give the JVM more, e.g."
                    + " SCHEMAGATE_JAVA_OPTS=-Xmx4g");
            code = ExitCode.ENVIRONMENT;
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

    /** The top-level commands, in the order the usage lists them. */
    static final List<String> TOP_LEVEL = List.of("migrate", "schema", "explain");

    /**
     * The top-level commands a command line can need. picocli builds the whole model of every command it is given
     * (options, mixins, converters, help), which a run pays for at start-up whether it runs the command or not. The
     * root's own options take no value, so the first argument that is not an option names the command: only that one
     * is made (with all its subcommands, for its usage). With no such argument, {@code --version} needs none;
     * anything else ({@code --help}, nothing, a misspelt command) gets them all, for the usage and picocli's
     * suggestions.
     */
    static Predicate<String> needed(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-")) {
                return TOP_LEVEL.contains(arg) ? arg::equals : name -> true;
            }
        }
        List<String> options = List.of(args);
        boolean versionOnly = (options.contains("--version") || options.contains("-V"))
                && !options.contains("--help") && !options.contains("-h");
        return name -> !versionOnly;
    }

    static CommandLine commandLine(Session session, Predicate<String> needed) {
        IFactory factory = sessionFactory(session);
        CommandLine cli = new CommandLine(new SchemagateCommand(session), factory);
        if (needed.test("migrate")) {
            cli.addSubcommand(new CommandLine(new MigrateCommand(), factory)
                    .addSubcommand(new CommandLine(new LintCommand(session), factory))
                    .addSubcommand(new CommandLine(new HashCommand(session), factory))
                    .addSubcommand(new CommandLine(new ValidateCommand(session), factory))
                    .addSubcommand(new CommandLine(new PushCommand(session), factory))
                    .addSubcommand(new CommandLine(new PullCommand(session), factory))
                    .addSubcommand(new CommandLine(new DiffCommand(session), factory)));
        }
        if (needed.test("schema")) {
            cli.addSubcommand(new CommandLine(new SchemaCommand(), factory)
                    .addSubcommand(new CommandLine(new PlanCommand(session), factory)));
        }
        if (needed.test("explain")) {
            cli.addSubcommand(new CommandLine(new ExplainCommand(session), factory));
        }
        // "@FILE" arguments would be replaced by the file's text, which error messages then echo (a secret file's too).
        cli.setExpandAtFiles(false);
        // The environment the session was given, not the process's: tests and the action pass their own.
        cli.setDefaultValueProvider(arg -> arg instanceof OptionSpec option
                && option.longestName().equals(RegistryOptions.NETWORK_TIMEOUT)
                ? session.env().get(Session.NETWORK_TIMEOUT_VARIABLE) : null);
        return cli;
    }

    /** Mixins that need the session (registry options: secrets they learn, the network timeout) get it here. */
    private static IFactory sessionFactory(Session session) {
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == RegistryOptions.class ? type.cast(new RegistryOptions(session))
                        : CommandLine.defaultFactory().create(type);
            }
        };
    }
}
