package io.schemagate.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ArgumentListBuilder;
import java.io.IOException;
import java.util.List;

/**
 * Runs the CLI on the agent, in the workspace, with the credentials SchemagateCli asked for bound as environment
 * variables (never arguments, which the log and the process list show) and its output, masked, in the build log.
 */
final class SchemagateProcess {
    private SchemagateProcess() {}

    /**
     * @param step the step's name, for messages
     * @param argv the arguments after the command, from SchemagateCli
     * @param env  the build's environment; the credential variables are added to a copy
     * @return the CLI's exit code
     */
    static int run(String step, StepArguments args, List<String> argv, Run<?, ?> run, FilePath workspace,
            Launcher launcher, EnvVars env, TaskListener listener) throws IOException, InterruptedException {
        BoundCredentials credentials = BoundCredentials.resolve(step, SchemagateCli.credentials(args.asMap()), run);
        EnvVars processEnv = new EnvVars(env);
        processEnv.putAll(credentials.variables());

        // The command as given, e.g. "schemagate" or "java -jar schemagate.jar": split as a shell would, after
        // expanding build variables, as the shared library's sh step does.
        ArgumentListBuilder cmd = new ArgumentListBuilder(Util.tokenize(env.expand(args.command())));
        boolean devUrlValue = false;
        for (String argument : argv) {
            // Jenkins prints the command line; a --dev-url given in the clear may hold a password.
            cmd.add(argument, devUrlValue);
            devUrlValue = argument.equals("--dev-url");
        }
        SecretMaskingOutputStream out = new SecretMaskingOutputStream(listener.getLogger(), credentials.secrets());
        try {
            // stderr goes with stdout unless redirected: one masked stream for both.
            return launcher.launch().cmds(cmd).envs(processEnv).pwd(workspace).stdout(out).join();
        } finally {
            out.finish();
        }
    }
}
