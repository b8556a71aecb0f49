package io.schemagate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "schemagate",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Lint-and-plan for SQL migration directories, offline and in CI.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  passed",
            "  1  the gate failed (findings at or above the threshold)",
            "  2  bad input or usage (broken SQL, bad atlas.sum, unknown flag)",
            "  3  environment failure (database, registry or network)",
            "",
            "Colour is used only on a terminal and never when NO_COLOR is set."})
final class SchemagateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Session session;

    SchemagateCommand(Session session) {
        this.session = session;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On failure, also print the stack trace.")
    void verbose(boolean verbose) {
        session.verbose(verbose);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: try \"schemagate migrate validate --dir DIR\"");
    }

    /** The version baked into the jar at build time. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = SchemagateCommand.class.getResourceAsStream("/schemagate-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"schemagate " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
