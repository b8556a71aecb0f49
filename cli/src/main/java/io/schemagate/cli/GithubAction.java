package io.schemagate.cli;

import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.DevUrlException;
import io.schemagate.github.ActionInputs;
import io.schemagate.github.ActionOutputs;
import io.schemagate.github.GithubException;
import io.schemagate.github.PullRequestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GitHub Action: with no arguments inside GitHub Actions, the command line comes from the action's inputs
 * ({@code INPUT_*}). The command then runs as if typed, and reports back through step outputs.
 *
 * @param inputs     the action's inputs
 * @param arguments  the command line they stand for
 * @param reportPath where {@code migrate lint} or {@code schema plan} writes its JSON report, relative to the
 *                   workspace (later steps run on the runner, where the container's {@code /github/workspace} is their
 *                   working directory); null for {@code migrate push}
 */
record GithubAction(ActionInputs inputs, List<String> arguments, Path reportPath) {

    static boolean requested(String[] args, Map<String, String> env) {
        return args.length == 0 && "true".equals(env.get("GITHUB_ACTIONS"));
    }

    /** @throws CliException for an input that makes no command line */
    static GithubAction fromEnvironment(Map<String, String> env) {
        ActionInputs inputs = new ActionInputs(env);
        String command = inputs.get("command", "migrate lint");
        Path workingDirectory = Path.of(inputs.get("working-directory", "."));
        String dir = within(workingDirectory, inputs.get("dir", "migrations"));
        List<String> args = new ArrayList<>();
        Path report = null;
        switch (command) {
            case "migrate lint" -> {
                report = Path.of(".schemagate", "lint-" + dir.replaceAll("[^A-Za-z0-9._-]+", "-") + ".json");
                args.addAll(List.of("migrate", "lint", "--dir", dir));
                option(args, "--dir-format", inputs.get("dir-format"));
                option(args, "--dev-url", inputs.get("dev-url"));
                selection(args, inputs, env);
                gateAndReport(args, inputs, env, workingDirectory, report);
                if (!flag(inputs, "suggestions")) {
                    args.add("--no-github-suggestions");
                }
                if (!flag(inputs, "base-cache")) {
                    args.add("--no-base-cache");
                }
            }
            case "migrate push" -> {
                args.addAll(List.of("migrate", "push", "--dir", dir));
                option(args, "--dir-format", inputs.get("dir-format"));
                String to = inputs.get("to");
                if (to == null) {
                    throw new CliException(ExitCode.BAD_INPUT, "input to: required for command \"migrate push\","
                            + " e.g. oci://ghcr.io/OWNER/REPO-migrations");
                }
                option(args, "--to", to);
                option(args, "--tag", inputs.get("tag"));
            }
            case "schema plan" -> {
                String to = inputs.get("to");
                if (to == null) {
                    throw new CliException(ExitCode.BAD_INPUT, "input to: required for command \"schema plan\","
                            + " the desired schema, e.g. file://schema.sql");
                }
                report = Path.of(".schemagate", "plan-" + dir.replaceAll("[^A-Za-z0-9._-]+", "-") + ".json");
                args.addAll(List.of("schema", "plan", "--dir", dir));
                option(args, "--dir-format", inputs.get("dir-format"));
                option(args, "--dev-url", inputs.get("dev-url"));
                // A database URL (postgres://…) is not a path in the working directory.
                boolean database = to.matches("[A-Za-z][A-Za-z0-9+.-]*://.*") && !to.startsWith("file://");
                option(args, "--to", database ? to : within(workingDirectory, to));
                gateAndReport(args, inputs, env, workingDirectory, report);
            }
            default -> throw new CliException(ExitCode.BAD_INPUT, "input command: \"" + command
                    + "\" is not available; expected \"migrate lint\", \"migrate push\" or \"schema plan\"");
        }
        return new GithubAction(inputs, List.copyOf(args), report);
    }

    /** What lint and plan share: the policy file, the gate, the JSON report the outputs are read from, the comment. */
    private static void gateAndReport(List<String> args, ActionInputs inputs, Map<String, String> env,
            Path workingDirectory, Path report) {
        option(args, "--config", inputs.get("config") == null ? null : within(workingDirectory, inputs.get("config")));
        option(args, "--fail-on", inputs.get("fail-on"));
        Path workspace = Path.of(env.getOrDefault("GITHUB_WORKSPACE", ""));
        args.addAll(List.of("--report", "json=" + workspace.resolve(report)));
        if (!flag(inputs, "comment")) {
            args.add("--no-github-comment");
        }
    }

    /** The command line for the log: the dev URL masked (its password), since job logs are often public. */
    List<String> shownArguments() {
        List<String> shown = new ArrayList<>(arguments);
        int devUrl = shown.indexOf("--dev-url");
        if (devUrl >= 0 && devUrl + 1 < shown.size()) {
            String value = shown.get(devUrl + 1);
            try {
                shown.set(devUrl + 1, DevUrl.parse(value).masked());
            } catch (DevUrlException e) {
                shown.set(devUrl + 1, "****"); // the command will say what is wrong with it, masked
            }
        }
        return shown;
    }

    /**
     * The job's environment as the command sees it: a container action receives its token only as the
     * {@code github-token} input, while pull-request comments and ghcr.io credentials look for {@code GITHUB_TOKEN}.
     */
    Map<String, String> environment(Map<String, String> env) {
        String token = inputs.get("github-token");
        if (token == null || env.get("GITHUB_TOKEN") != null) {
            return env;
        }
        Map<String, String> withToken = new HashMap<>(env);
        withToken.put("GITHUB_TOKEN", token);
        return Map.copyOf(withToken);
    }

    /** Sets a step output; outside a step (no {@code GITHUB_OUTPUT}) there is nowhere to set it. */
    void output(Session session, String name, String value) {
        Optional<ActionOutputs> outputs = ActionOutputs.fromEnvironment(session.env());
        if (outputs.isEmpty()) {
            return;
        }
        try {
            outputs.get().set(name, session.secrets().redact(value));
        } catch (IOException e) {
            throw new CliException(ExitCode.ENVIRONMENT, "GITHUB_OUTPUT " + outputs.get().file().path() + ": "
                    + IoMessages.describe(e), e);
        }
    }

    /**
     * {@code --latest}, else {@code --git-base} as given, else the pull request's base commit from the event payload
     * (exact, unlike the branch name, which may have moved on); on a push there is none and lint picks as usual.
     */
    private static void selection(List<String> args, ActionInputs inputs, Map<String, String> env) {
        if (inputs.get("latest") != null) {
            option(args, "--latest", inputs.get("latest"));
        } else if (inputs.get("git-base") != null) {
            option(args, "--git-base", inputs.get("git-base"));
        } else {
            try {
                PullRequestContext.fromEnvironment(env)
                        .filter(pr -> !pr.baseSha().isEmpty())
                        .ifPresent(pr -> option(args, "--git-base", pr.baseSha()));
            } catch (GithubException e) {
                throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
            }
        }
    }

    private static boolean flag(ActionInputs inputs, String name) {
        try {
            return inputs.flag(name, true);
        } catch (GithubException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
    }

    private static void option(List<String> args, String name, String value) {
        if (value != null) {
            args.add(name);
            args.add(value);
        }
    }

    /** A path input relative to {@code working-directory}; {@code file://} kept. */
    private static String within(Path workingDirectory, String path) {
        if (workingDirectory.toString().equals(".") || workingDirectory.toString().isEmpty()) {
            return path;
        }
        boolean url = path.startsWith("file://");
        Path resolved = workingDirectory.resolve(url ? path.substring("file://".length()) : path).normalize();
        return (url ? "file://" : "") + resolved;
    }
}
